// An example XLA FFI kernel for jaxwrap_extend.ffi: RMS normalisation over the
// last axis,
//
//     y[..., j] = x[..., j] / sqrt(mean_k(x[..., k]^2) + eps),
//
// for float32 and float64 arrays of any rank >= 1.  Every leading index is an
// independent row, so jax.vmap can put its batch axis in front
// (jaxwrap_extend.interpreters.batching.batch_at_front_rule).
//
// Build (tests/test_extend_ffi.py does this with jaxwrap_extend.ffi.build_library):
//   c++ -std=c++17 -O2 -shared -fPIC -I"$(python -c 'import jax.ffi; print(jax.ffi.include_dir())')" \
//       rms_norm.cc -o librms_norm.so

#include <cmath>
#include <cstdint>

#include "xla/ffi/api/ffi.h"

namespace ffi = xla::ffi;

namespace {

// One row at a time; accumulate the sum of squares in double so the float32
// result does not depend on the row length's rounding.
template <typename T>
void RmsNormRows(const T* x, T* y, int64_t rows, int64_t n, double eps) {
  for (int64_t r = 0; r < rows; ++r) {
    const T* xr = x + r * n;
    T* yr = y + r * n;
    double sum_sq = 0.0;
    for (int64_t j = 0; j < n; ++j) sum_sq += double(xr[j]) * double(xr[j]);
    const double scale = 1.0 / std::sqrt(sum_sq / double(n) + eps);
    for (int64_t j = 0; j < n; ++j) yr[j] = T(double(xr[j]) * scale);
  }
}

ffi::Error RmsNormImpl(float eps, ffi::AnyBuffer x, ffi::Result<ffi::AnyBuffer> y) {
  auto dims = x.dimensions();
  if (dims.size() == 0) {
    return ffi::Error::InvalidArgument("rms_norm: the input must have at least one axis");
  }
  const int64_t n = dims.back();
  const int64_t rows = n == 0 ? 0 : int64_t(x.element_count()) / n;
  switch (x.element_type()) {
    case ffi::F32:
      RmsNormRows(x.typed_data<float>(), y->typed_data<float>(), rows, n, eps);
      return ffi::Error::Success();
    case ffi::F64:
      RmsNormRows(x.typed_data<double>(), y->typed_data<double>(), rows, n, eps);
      return ffi::Error::Success();
    default:
      return ffi::Error::InvalidArgument("rms_norm: only float32 and float64 are supported");
  }
}

}  // namespace

// The exported symbol XLA calls: decodes the attribute and buffers, then runs
// RmsNormImpl.  Its name is what Python looks up with ctypes.
XLA_FFI_DEFINE_HANDLER_SYMBOL(RmsNorm, RmsNormImpl,
                              ffi::Ffi::Bind()
                                  .Attr<float>("eps")
                                  .Arg<ffi::AnyBuffer>()
                                  .Ret<ffi::AnyBuffer>());
