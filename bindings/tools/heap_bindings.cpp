// Allocator state for bench/package.bench.js (not public API; the tools build only, which is
// what Node loads): a million parse() + format() calls must leave the heap as they found it.
// Memory size alone is too coarse — WASM memory grows in 64 KiB pages and never shrinks — so
// the benchmark reads the allocator's own count.
#include <emscripten/emmalloc.h>

#include "../bridge.hpp"

// Bytes of the dynamic heap not on emmalloc's free lists: live allocations with their
// headers (and the headers of free regions). Walks the free lists: for diagnostics only.
LMS_EXPORT(lms_heap_bytes_in_use) double lms_heap_bytes_in_use() {
  return static_cast<double>(emmalloc_dynamic_heap_size() - emmalloc_free_dynamic_memory());
}
