"""jaxwrap.numpy.fft: numpy.fft (and the Array API fft extension) on XLA.

Every transform lowers to one ``stablehlo.fft`` per (up to 3) axes; see
``jaxwrap._src.numpy.fft``.
"""

from jaxwrap._src.numpy.fft import fft as fft
from jaxwrap._src.numpy.fft import fft2 as fft2
from jaxwrap._src.numpy.fft import fftfreq as fftfreq
from jaxwrap._src.numpy.fft import fftn as fftn
from jaxwrap._src.numpy.fft import fftshift as fftshift
from jaxwrap._src.numpy.fft import hfft as hfft
from jaxwrap._src.numpy.fft import ifft as ifft
from jaxwrap._src.numpy.fft import ifft2 as ifft2
from jaxwrap._src.numpy.fft import ifftn as ifftn
from jaxwrap._src.numpy.fft import ifftshift as ifftshift
from jaxwrap._src.numpy.fft import ihfft as ihfft
from jaxwrap._src.numpy.fft import irfft as irfft
from jaxwrap._src.numpy.fft import irfft2 as irfft2
from jaxwrap._src.numpy.fft import irfftn as irfftn
from jaxwrap._src.numpy.fft import rfft as rfft
from jaxwrap._src.numpy.fft import rfft2 as rfft2
from jaxwrap._src.numpy.fft import rfftfreq as rfftfreq
from jaxwrap._src.numpy.fft import rfftn as rfftn

__all__ = [
    "fft",
    "fft2",
    "fftfreq",
    "fftn",
    "fftshift",
    "hfft",
    "ifft",
    "ifft2",
    "ifftn",
    "ifftshift",
    "ihfft",
    "irfft",
    "irfft2",
    "irfftn",
    "rfft",
    "rfft2",
    "rfftfreq",
    "rfftn",
]
