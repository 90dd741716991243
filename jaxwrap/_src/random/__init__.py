"""Pseudo-random numbers with explicit keys: the implementation of ``jaxwrap.random``.

Same functions and signatures as ``jax.random``; the public names are the
``__all__`` of the family modules, re-exported by the generated facade
``jaxwrap/random.py`` (``tools/gen_facades.py``).  For threefry keys (jax's
default generator) every sampler gives bit-for-bit the values of
``jax.random`` for the same key, shape and dtype: keys, splits and bits come
from :mod:`jaxwrap_extend.random` and the samplers follow jax's algorithms
step by step (uniform floats from the top mantissa bits, normals through
``erf_inv``, gamma by Marsaglia and Tsang's squeeze method, Poisson by Knuth's
product method below 10 and Hörmann's transformed rejection (PTRS) above...).

Keys.  Both kinds ``jax.random`` accepts work: typed keys (``key(seed)``,
dtype ``key<fry>``; jax's own typed keys interoperate both ways) and raw
uint32 keys of shape (2,) (``PRNGKey(seed)``).  A function returning keys
returns the kind it was given.  Raw keys stay inside jaxwrap's primitives;
typed keys cross into jax only through ``random_wrap`` / ``random_unwrap``.

Layout: ``keys`` (keys, split, fold_in, the jitted runner), ``_common``
(argument checks, sampler factories), ``bits`` (bits, uniform, normal,
integers), ``continuous``, ``gamma`` (the gamma family), ``discrete``
(Poisson, binomial, multinomial), ``choice`` (categorical, choice,
permutations), ``matrices`` (multivariate normal, orthogonal).
"""
