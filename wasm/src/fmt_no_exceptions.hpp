// Included before everything in the WASM build (CMakeLists.txt, -include). Without exceptions,
// fmt's default FMT_THROW(x) still constructs the format_error x to pass its what() to an
// assertion that NDEBUG compiles out; that one constructor pulls std::runtime_error's vtable
// and, through its type_info, the C++ ABI's dynamic_cast and catch machinery into the .wasm.
// Doing nothing is what the default does at run time (every format string here is checked at
// compile time, so none of these paths is reached).
#pragma once
#define FMT_THROW(x) \
  do {               \
  } while (false)
