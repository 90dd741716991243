"""jaxwrap.numpy.fft: numpy.fft on XLA.

Planned (see ``python -m jaxwrap scope --list numpy.fft``): the FFT
primitive and its functions arrive with their own issue.
"""
