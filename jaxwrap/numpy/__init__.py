"""jaxwrap.numpy: numpy's API on XLA, built from jaxwrap's own primitives.

A facade: every public name is re-exported here explicitly from the module
under ``jaxwrap._src.numpy`` that defines it. Results are plain ``jax.Array``s.
"""

from jaxwrap._src.numpy.creation import (
    arange as arange,
)
from jaxwrap._src.numpy.creation import (
    array as array,
)
from jaxwrap._src.numpy.creation import (
    asarray as asarray,
)
from jaxwrap._src.numpy.creation import (
    copy as copy,
)
from jaxwrap._src.numpy.creation import (
    diag as diag,
)
from jaxwrap._src.numpy.creation import (
    diagflat as diagflat,
)
from jaxwrap._src.numpy.creation import (
    empty as empty,
)
from jaxwrap._src.numpy.creation import (
    empty_like as empty_like,
)
from jaxwrap._src.numpy.creation import (
    eye as eye,
)
from jaxwrap._src.numpy.creation import (
    full as full,
)
from jaxwrap._src.numpy.creation import (
    full_like as full_like,
)
from jaxwrap._src.numpy.creation import (
    geomspace as geomspace,
)
from jaxwrap._src.numpy.creation import (
    identity as identity,
)
from jaxwrap._src.numpy.creation import (
    linspace as linspace,
)
from jaxwrap._src.numpy.creation import (
    logspace as logspace,
)
from jaxwrap._src.numpy.creation import (
    meshgrid as meshgrid,
)
from jaxwrap._src.numpy.creation import (
    ones as ones,
)
from jaxwrap._src.numpy.creation import (
    ones_like as ones_like,
)
from jaxwrap._src.numpy.creation import (
    tri as tri,
)
from jaxwrap._src.numpy.creation import (
    tril as tril,
)
from jaxwrap._src.numpy.creation import (
    triu as triu,
)
from jaxwrap._src.numpy.creation import (
    zeros as zeros,
)
from jaxwrap._src.numpy.creation import (
    zeros_like as zeros_like,
)
from jaxwrap._src.numpy.dtype_utils import (
    can_cast as can_cast,
)
from jaxwrap._src.numpy.dtype_utils import (
    dtype as dtype,
)
from jaxwrap._src.numpy.dtype_utils import (
    finfo as finfo,
)
from jaxwrap._src.numpy.dtype_utils import (
    iinfo as iinfo,
)
from jaxwrap._src.numpy.dtype_utils import (
    isdtype as isdtype,
)
from jaxwrap._src.numpy.dtype_utils import (
    issubdtype as issubdtype,
)
from jaxwrap._src.numpy.dtype_utils import (
    promote_types as promote_types,
)
from jaxwrap._src.numpy.dtype_utils import (
    result_type as result_type,
)
from jaxwrap._src.numpy.padding import (
    pad as pad,
)
from jaxwrap._src.numpy.reductions import (
    all as all,
)
from jaxwrap._src.numpy.reductions import (
    allclose as allclose,
)
from jaxwrap._src.numpy.reductions import (
    amax as amax,
)
from jaxwrap._src.numpy.reductions import (
    amin as amin,
)
from jaxwrap._src.numpy.reductions import (
    any as any,
)
from jaxwrap._src.numpy.reductions import (
    argmax as argmax,
)
from jaxwrap._src.numpy.reductions import (
    argmin as argmin,
)
from jaxwrap._src.numpy.reductions import (
    array_equal as array_equal,
)
from jaxwrap._src.numpy.reductions import (
    array_equiv as array_equiv,
)
from jaxwrap._src.numpy.reductions import (
    average as average,
)
from jaxwrap._src.numpy.reductions import (
    count_nonzero as count_nonzero,
)
from jaxwrap._src.numpy.reductions import (
    cumprod as cumprod,
)
from jaxwrap._src.numpy.reductions import (
    cumsum as cumsum,
)
from jaxwrap._src.numpy.reductions import (
    cumulative_prod as cumulative_prod,
)
from jaxwrap._src.numpy.reductions import (
    cumulative_sum as cumulative_sum,
)
from jaxwrap._src.numpy.reductions import (
    isclose as isclose,
)
from jaxwrap._src.numpy.reductions import (
    max as max,
)
from jaxwrap._src.numpy.reductions import (
    mean as mean,
)
from jaxwrap._src.numpy.reductions import (
    min as min,
)
from jaxwrap._src.numpy.reductions import (
    nanargmax as nanargmax,
)
from jaxwrap._src.numpy.reductions import (
    nanargmin as nanargmin,
)
from jaxwrap._src.numpy.reductions import (
    nancumprod as nancumprod,
)
from jaxwrap._src.numpy.reductions import (
    nancumsum as nancumsum,
)
from jaxwrap._src.numpy.reductions import (
    nanmax as nanmax,
)
from jaxwrap._src.numpy.reductions import (
    nanmean as nanmean,
)
from jaxwrap._src.numpy.reductions import (
    nanmin as nanmin,
)
from jaxwrap._src.numpy.reductions import (
    nanprod as nanprod,
)
from jaxwrap._src.numpy.reductions import (
    nanstd as nanstd,
)
from jaxwrap._src.numpy.reductions import (
    nansum as nansum,
)
from jaxwrap._src.numpy.reductions import (
    nanvar as nanvar,
)
from jaxwrap._src.numpy.reductions import (
    prod as prod,
)
from jaxwrap._src.numpy.reductions import (
    ptp as ptp,
)
from jaxwrap._src.numpy.reductions import (
    std as std,
)
from jaxwrap._src.numpy.reductions import (
    sum as sum,
)
from jaxwrap._src.numpy.reductions import (
    var as var,
)
from jaxwrap._src.numpy.scalar_types import (
    bfloat16 as bfloat16,
)
from jaxwrap._src.numpy.scalar_types import (
    bool as bool,
)
from jaxwrap._src.numpy.scalar_types import (
    bool_ as bool_,
)
from jaxwrap._src.numpy.scalar_types import (
    byte as byte,
)
from jaxwrap._src.numpy.scalar_types import (
    cdouble as cdouble,
)
from jaxwrap._src.numpy.scalar_types import (
    character as character,
)
from jaxwrap._src.numpy.scalar_types import (
    complex64 as complex64,
)
from jaxwrap._src.numpy.scalar_types import (
    complex128 as complex128,
)
from jaxwrap._src.numpy.scalar_types import (
    complex_ as complex_,
)
from jaxwrap._src.numpy.scalar_types import (
    complexfloating as complexfloating,
)
from jaxwrap._src.numpy.scalar_types import (
    csingle as csingle,
)
from jaxwrap._src.numpy.scalar_types import (
    double as double,
)
from jaxwrap._src.numpy.scalar_types import (
    e as e,
)
from jaxwrap._src.numpy.scalar_types import (
    euler_gamma as euler_gamma,
)
from jaxwrap._src.numpy.scalar_types import (
    flexible as flexible,
)
from jaxwrap._src.numpy.scalar_types import (
    float4_e2m1fn as float4_e2m1fn,
)
from jaxwrap._src.numpy.scalar_types import (
    float6_e2m3fn as float6_e2m3fn,
)
from jaxwrap._src.numpy.scalar_types import (
    float6_e3m2fn as float6_e3m2fn,
)
from jaxwrap._src.numpy.scalar_types import (
    float8_e3m4 as float8_e3m4,
)
from jaxwrap._src.numpy.scalar_types import (
    float8_e4m3 as float8_e4m3,
)
from jaxwrap._src.numpy.scalar_types import (
    float8_e4m3b11fnuz as float8_e4m3b11fnuz,
)
from jaxwrap._src.numpy.scalar_types import (
    float8_e4m3fn as float8_e4m3fn,
)
from jaxwrap._src.numpy.scalar_types import (
    float8_e4m3fnuz as float8_e4m3fnuz,
)
from jaxwrap._src.numpy.scalar_types import (
    float8_e5m2 as float8_e5m2,
)
from jaxwrap._src.numpy.scalar_types import (
    float8_e5m2fnuz as float8_e5m2fnuz,
)
from jaxwrap._src.numpy.scalar_types import (
    float8_e8m0fnu as float8_e8m0fnu,
)
from jaxwrap._src.numpy.scalar_types import (
    float16 as float16,
)
from jaxwrap._src.numpy.scalar_types import (
    float32 as float32,
)
from jaxwrap._src.numpy.scalar_types import (
    float64 as float64,
)
from jaxwrap._src.numpy.scalar_types import (
    float_ as float_,
)
from jaxwrap._src.numpy.scalar_types import (
    floating as floating,
)
from jaxwrap._src.numpy.scalar_types import (
    generic as generic,
)
from jaxwrap._src.numpy.scalar_types import (
    half as half,
)
from jaxwrap._src.numpy.scalar_types import (
    inexact as inexact,
)
from jaxwrap._src.numpy.scalar_types import (
    inf as inf,
)
from jaxwrap._src.numpy.scalar_types import (
    int1 as int1,
)
from jaxwrap._src.numpy.scalar_types import (
    int2 as int2,
)
from jaxwrap._src.numpy.scalar_types import (
    int4 as int4,
)
from jaxwrap._src.numpy.scalar_types import (
    int8 as int8,
)
from jaxwrap._src.numpy.scalar_types import (
    int16 as int16,
)
from jaxwrap._src.numpy.scalar_types import (
    int32 as int32,
)
from jaxwrap._src.numpy.scalar_types import (
    int64 as int64,
)
from jaxwrap._src.numpy.scalar_types import (
    int_ as int_,
)
from jaxwrap._src.numpy.scalar_types import (
    intc as intc,
)
from jaxwrap._src.numpy.scalar_types import (
    integer as integer,
)
from jaxwrap._src.numpy.scalar_types import (
    intp as intp,
)
from jaxwrap._src.numpy.scalar_types import (
    little_endian as little_endian,
)
from jaxwrap._src.numpy.scalar_types import (
    long as long,
)
from jaxwrap._src.numpy.scalar_types import (
    longlong as longlong,
)
from jaxwrap._src.numpy.scalar_types import (
    nan as nan,
)
from jaxwrap._src.numpy.scalar_types import (
    newaxis as newaxis,
)
from jaxwrap._src.numpy.scalar_types import (
    number as number,
)
from jaxwrap._src.numpy.scalar_types import (
    object_ as object_,
)
from jaxwrap._src.numpy.scalar_types import (
    pi as pi,
)
from jaxwrap._src.numpy.scalar_types import (
    short as short,
)
from jaxwrap._src.numpy.scalar_types import (
    signedinteger as signedinteger,
)
from jaxwrap._src.numpy.scalar_types import (
    single as single,
)
from jaxwrap._src.numpy.scalar_types import (
    ubyte as ubyte,
)
from jaxwrap._src.numpy.scalar_types import (
    uint as uint,
)
from jaxwrap._src.numpy.scalar_types import (
    uint1 as uint1,
)
from jaxwrap._src.numpy.scalar_types import (
    uint2 as uint2,
)
from jaxwrap._src.numpy.scalar_types import (
    uint4 as uint4,
)
from jaxwrap._src.numpy.scalar_types import (
    uint8 as uint8,
)
from jaxwrap._src.numpy.scalar_types import (
    uint16 as uint16,
)
from jaxwrap._src.numpy.scalar_types import (
    uint32 as uint32,
)
from jaxwrap._src.numpy.scalar_types import (
    uint64 as uint64,
)
from jaxwrap._src.numpy.scalar_types import (
    uintc as uintc,
)
from jaxwrap._src.numpy.scalar_types import (
    uintp as uintp,
)
from jaxwrap._src.numpy.scalar_types import (
    ulong as ulong,
)
from jaxwrap._src.numpy.scalar_types import (
    ulonglong as ulonglong,
)
from jaxwrap._src.numpy.scalar_types import (
    unsignedinteger as unsignedinteger,
)
from jaxwrap._src.numpy.scalar_types import (
    ushort as ushort,
)
from jaxwrap._src.numpy.selection import (
    angle as angle,
)
from jaxwrap._src.numpy.selection import (
    around as around,
)
from jaxwrap._src.numpy.selection import (
    clip as clip,
)
from jaxwrap._src.numpy.selection import (
    nan_to_num as nan_to_num,
)
from jaxwrap._src.numpy.selection import (
    round as round,
)
from jaxwrap._src.numpy.selection import (
    where as where,
)
from jaxwrap._src.numpy.shape import (
    array_split as array_split,
)
from jaxwrap._src.numpy.shape import (
    atleast_1d as atleast_1d,
)
from jaxwrap._src.numpy.shape import (
    atleast_2d as atleast_2d,
)
from jaxwrap._src.numpy.shape import (
    atleast_3d as atleast_3d,
)
from jaxwrap._src.numpy.shape import (
    broadcast_arrays as broadcast_arrays,
)
from jaxwrap._src.numpy.shape import (
    broadcast_shapes as broadcast_shapes,
)
from jaxwrap._src.numpy.shape import (
    broadcast_to as broadcast_to,
)
from jaxwrap._src.numpy.shape import (
    column_stack as column_stack,
)
from jaxwrap._src.numpy.shape import (
    concat as concat,
)
from jaxwrap._src.numpy.shape import (
    concatenate as concatenate,
)
from jaxwrap._src.numpy.shape import (
    dsplit as dsplit,
)
from jaxwrap._src.numpy.shape import (
    dstack as dstack,
)
from jaxwrap._src.numpy.shape import (
    expand_dims as expand_dims,
)
from jaxwrap._src.numpy.shape import (
    flip as flip,
)
from jaxwrap._src.numpy.shape import (
    fliplr as fliplr,
)
from jaxwrap._src.numpy.shape import (
    flipud as flipud,
)
from jaxwrap._src.numpy.shape import (
    hsplit as hsplit,
)
from jaxwrap._src.numpy.shape import (
    hstack as hstack,
)
from jaxwrap._src.numpy.shape import (
    matrix_transpose as matrix_transpose,
)
from jaxwrap._src.numpy.shape import (
    moveaxis as moveaxis,
)
from jaxwrap._src.numpy.shape import (
    ndim as ndim,
)
from jaxwrap._src.numpy.shape import (
    permute_dims as permute_dims,
)
from jaxwrap._src.numpy.shape import (
    ravel as ravel,
)
from jaxwrap._src.numpy.shape import (
    repeat as repeat,
)
from jaxwrap._src.numpy.shape import (
    reshape as reshape,
)
from jaxwrap._src.numpy.shape import (
    roll as roll,
)
from jaxwrap._src.numpy.shape import (
    shape as shape,
)
from jaxwrap._src.numpy.shape import (
    size as size,
)
from jaxwrap._src.numpy.shape import (
    split as split,
)
from jaxwrap._src.numpy.shape import (
    squeeze as squeeze,
)
from jaxwrap._src.numpy.shape import (
    stack as stack,
)
from jaxwrap._src.numpy.shape import (
    swapaxes as swapaxes,
)
from jaxwrap._src.numpy.shape import (
    tile as tile,
)
from jaxwrap._src.numpy.shape import (
    transpose as transpose,
)
from jaxwrap._src.numpy.shape import (
    unstack as unstack,
)
from jaxwrap._src.numpy.shape import (
    vsplit as vsplit,
)
from jaxwrap._src.numpy.shape import (
    vstack as vstack,
)
from jaxwrap._src.numpy.tensor import (
    diagonal as diagonal,
)
from jaxwrap._src.numpy.tensor import (
    dot as dot,
)
from jaxwrap._src.numpy.tensor import (
    einsum as einsum,
)
from jaxwrap._src.numpy.tensor import (
    einsum_path as einsum_path,
)
from jaxwrap._src.numpy.tensor import (
    inner as inner,
)
from jaxwrap._src.numpy.tensor import (
    kron as kron,
)
from jaxwrap._src.numpy.tensor import (
    matmul as matmul,
)
from jaxwrap._src.numpy.tensor import (
    matvec as matvec,
)
from jaxwrap._src.numpy.tensor import (
    outer as outer,
)
from jaxwrap._src.numpy.tensor import (
    tensordot as tensordot,
)
from jaxwrap._src.numpy.tensor import (
    trace as trace,
)
from jaxwrap._src.numpy.tensor import (
    vdot as vdot,
)
from jaxwrap._src.numpy.tensor import (
    vecdot as vecdot,
)
from jaxwrap._src.numpy.tensor import (
    vecmat as vecmat,
)
from jaxwrap._src.numpy.type_checks import (
    astype as astype,
)
from jaxwrap._src.numpy.type_checks import (
    iscomplex as iscomplex,
)
from jaxwrap._src.numpy.type_checks import (
    iscomplexobj as iscomplexobj,
)
from jaxwrap._src.numpy.type_checks import (
    isreal as isreal,
)
from jaxwrap._src.numpy.type_checks import (
    isrealobj as isrealobj,
)
from jaxwrap._src.numpy.type_checks import (
    isscalar as isscalar,
)
from jaxwrap._src.numpy.type_checks import (
    iterable as iterable,
)
from jaxwrap._src.numpy.type_checks import (
    ndarray as ndarray,
)
from jaxwrap._src.numpy.ufuncs import (
    abs as abs,
)
from jaxwrap._src.numpy.ufuncs import (
    absolute as absolute,
)
from jaxwrap._src.numpy.ufuncs import (
    acos as acos,
)
from jaxwrap._src.numpy.ufuncs import (
    acosh as acosh,
)
from jaxwrap._src.numpy.ufunc_object import (
    add as add,
)
from jaxwrap._src.numpy.ufunc_object import (
    frompyfunc as frompyfunc,
)
from jaxwrap._src.numpy.ufunc_object import (
    ufunc as ufunc,
)
from jaxwrap._src.numpy.ufuncs import (
    arccos as arccos,
)
from jaxwrap._src.numpy.ufuncs import (
    arccosh as arccosh,
)
from jaxwrap._src.numpy.ufuncs import (
    arcsin as arcsin,
)
from jaxwrap._src.numpy.ufuncs import (
    arcsinh as arcsinh,
)
from jaxwrap._src.numpy.ufuncs import (
    arctan as arctan,
)
from jaxwrap._src.numpy.ufuncs import (
    arctan2 as arctan2,
)
from jaxwrap._src.numpy.ufuncs import (
    arctanh as arctanh,
)
from jaxwrap._src.numpy.ufuncs import (
    asin as asin,
)
from jaxwrap._src.numpy.ufuncs import (
    asinh as asinh,
)
from jaxwrap._src.numpy.ufuncs import (
    atan as atan,
)
from jaxwrap._src.numpy.ufuncs import (
    atan2 as atan2,
)
from jaxwrap._src.numpy.ufuncs import (
    atanh as atanh,
)
from jaxwrap._src.numpy.ufunc_object import (
    bitwise_and as bitwise_and,
)
from jaxwrap._src.numpy.ufuncs import (
    bitwise_count as bitwise_count,
)
from jaxwrap._src.numpy.ufuncs import (
    bitwise_invert as bitwise_invert,
)
from jaxwrap._src.numpy.ufuncs import (
    bitwise_left_shift as bitwise_left_shift,
)
from jaxwrap._src.numpy.ufuncs import (
    bitwise_not as bitwise_not,
)
from jaxwrap._src.numpy.ufunc_object import (
    bitwise_or as bitwise_or,
)
from jaxwrap._src.numpy.ufuncs import (
    bitwise_right_shift as bitwise_right_shift,
)
from jaxwrap._src.numpy.ufunc_object import (
    bitwise_xor as bitwise_xor,
)
from jaxwrap._src.numpy.ufuncs import (
    cbrt as cbrt,
)
from jaxwrap._src.numpy.ufuncs import (
    ceil as ceil,
)
from jaxwrap._src.numpy.ufuncs import (
    conj as conj,
)
from jaxwrap._src.numpy.ufuncs import (
    conjugate as conjugate,
)
from jaxwrap._src.numpy.ufuncs import (
    copysign as copysign,
)
from jaxwrap._src.numpy.ufuncs import (
    cos as cos,
)
from jaxwrap._src.numpy.ufuncs import (
    cosh as cosh,
)
from jaxwrap._src.numpy.ufuncs import (
    deg2rad as deg2rad,
)
from jaxwrap._src.numpy.ufuncs import (
    degrees as degrees,
)
from jaxwrap._src.numpy.ufuncs import (
    divide as divide,
)
from jaxwrap._src.numpy.ufuncs import (
    divmod as divmod,
)
from jaxwrap._src.numpy.ufuncs import (
    equal as equal,
)
from jaxwrap._src.numpy.ufuncs import (
    exp as exp,
)
from jaxwrap._src.numpy.ufuncs import (
    exp2 as exp2,
)
from jaxwrap._src.numpy.ufuncs import (
    expm1 as expm1,
)
from jaxwrap._src.numpy.ufuncs import (
    fabs as fabs,
)
from jaxwrap._src.numpy.ufuncs import (
    fix as fix,
)
from jaxwrap._src.numpy.ufuncs import (
    float_power as float_power,
)
from jaxwrap._src.numpy.ufuncs import (
    floor as floor,
)
from jaxwrap._src.numpy.ufuncs import (
    floor_divide as floor_divide,
)
from jaxwrap._src.numpy.ufuncs import (
    fmax as fmax,
)
from jaxwrap._src.numpy.ufuncs import (
    fmin as fmin,
)
from jaxwrap._src.numpy.ufuncs import (
    fmod as fmod,
)
from jaxwrap._src.numpy.ufuncs import (
    frexp as frexp,
)
from jaxwrap._src.numpy.ufuncs import (
    greater as greater,
)
from jaxwrap._src.numpy.ufuncs import (
    greater_equal as greater_equal,
)
from jaxwrap._src.numpy.ufuncs import (
    heaviside as heaviside,
)
from jaxwrap._src.numpy.ufuncs import (
    hypot as hypot,
)
from jaxwrap._src.numpy.ufuncs import (
    imag as imag,
)
from jaxwrap._src.numpy.ufuncs import (
    invert as invert,
)
from jaxwrap._src.numpy.ufuncs import (
    isfinite as isfinite,
)
from jaxwrap._src.numpy.ufuncs import (
    isinf as isinf,
)
from jaxwrap._src.numpy.ufuncs import (
    isnan as isnan,
)
from jaxwrap._src.numpy.ufuncs import (
    isneginf as isneginf,
)
from jaxwrap._src.numpy.ufuncs import (
    isposinf as isposinf,
)
from jaxwrap._src.numpy.ufuncs import (
    ldexp as ldexp,
)
from jaxwrap._src.numpy.ufuncs import (
    left_shift as left_shift,
)
from jaxwrap._src.numpy.ufuncs import (
    less as less,
)
from jaxwrap._src.numpy.ufuncs import (
    less_equal as less_equal,
)
from jaxwrap._src.numpy.ufuncs import (
    log as log,
)
from jaxwrap._src.numpy.ufuncs import (
    log1p as log1p,
)
from jaxwrap._src.numpy.ufuncs import (
    log2 as log2,
)
from jaxwrap._src.numpy.ufuncs import (
    log10 as log10,
)
from jaxwrap._src.numpy.ufunc_object import (
    logaddexp as logaddexp,
)
from jaxwrap._src.numpy.ufunc_object import (
    logaddexp2 as logaddexp2,
)
from jaxwrap._src.numpy.ufunc_object import (
    logical_and as logical_and,
)
from jaxwrap._src.numpy.ufuncs import (
    logical_not as logical_not,
)
from jaxwrap._src.numpy.ufunc_object import (
    logical_or as logical_or,
)
from jaxwrap._src.numpy.ufunc_object import (
    logical_xor as logical_xor,
)
from jaxwrap._src.numpy.ufunc_object import (
    maximum as maximum,
)
from jaxwrap._src.numpy.ufunc_object import (
    minimum as minimum,
)
from jaxwrap._src.numpy.ufuncs import (
    mod as mod,
)
from jaxwrap._src.numpy.ufuncs import (
    modf as modf,
)
from jaxwrap._src.numpy.ufunc_object import (
    multiply as multiply,
)
from jaxwrap._src.numpy.ufunc_object import (
    negative as negative,
)
from jaxwrap._src.numpy.ufuncs import (
    nextafter as nextafter,
)
from jaxwrap._src.numpy.ufuncs import (
    not_equal as not_equal,
)
from jaxwrap._src.numpy.ufuncs import (
    positive as positive,
)
from jaxwrap._src.numpy.ufuncs import (
    pow as pow,
)
from jaxwrap._src.numpy.ufuncs import (
    power as power,
)
from jaxwrap._src.numpy.ufuncs import (
    rad2deg as rad2deg,
)
from jaxwrap._src.numpy.ufuncs import (
    radians as radians,
)
from jaxwrap._src.numpy.ufuncs import (
    real as real,
)
from jaxwrap._src.numpy.ufuncs import (
    reciprocal as reciprocal,
)
from jaxwrap._src.numpy.ufuncs import (
    remainder as remainder,
)
from jaxwrap._src.numpy.ufuncs import (
    right_shift as right_shift,
)
from jaxwrap._src.numpy.ufuncs import (
    rint as rint,
)
from jaxwrap._src.numpy.ufuncs import (
    sign as sign,
)
from jaxwrap._src.numpy.ufuncs import (
    signbit as signbit,
)
from jaxwrap._src.numpy.ufuncs import (
    sin as sin,
)
from jaxwrap._src.numpy.ufuncs import (
    sinh as sinh,
)
from jaxwrap._src.numpy.ufuncs import (
    spacing as spacing,
)
from jaxwrap._src.numpy.ufuncs import (
    sqrt as sqrt,
)
from jaxwrap._src.numpy.ufuncs import (
    square as square,
)
from jaxwrap._src.numpy.ufunc_object import (
    subtract as subtract,
)
from jaxwrap._src.numpy.ufuncs import (
    tan as tan,
)
from jaxwrap._src.numpy.ufuncs import (
    tanh as tanh,
)
from jaxwrap._src.numpy.ufuncs import (
    true_divide as true_divide,
)
from jaxwrap._src.numpy.ufuncs import (
    trunc as trunc,
)
from jaxwrap._src.out_of_scope import module_getattr as _module_getattr  # noqa: E402
from jaxwrap.numpy import fft as fft  # noqa: E402
from jaxwrap.numpy import linalg as linalg

__getattr__ = _module_getattr(__name__)

# Families below export the names in their module's ``__all__``.
from jaxwrap._src.numpy.array_api import *  # noqa: E402,F401,F403
from jaxwrap._src.numpy.host_io import *  # noqa: E402,F401,F403
from jaxwrap._src.numpy.indexing import *  # noqa: E402,F401,F403
from jaxwrap._src.numpy.numeric import *  # noqa: E402,F401,F403
from jaxwrap._src.numpy.polynomial import *  # noqa: E402,F401,F403
from jaxwrap._src.numpy.setops import *  # noqa: E402,F401,F403
from jaxwrap._src.numpy.sorting import *  # noqa: E402,F401,F403
from jaxwrap._src.numpy.statistics import *  # noqa: E402,F401,F403
from jaxwrap._src.numpy.structure import *  # noqa: E402,F401,F403
from jaxwrap._src.numpy.windows import *  # noqa: E402,F401,F403
