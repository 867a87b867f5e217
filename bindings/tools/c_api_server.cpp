// The server's defaults of include/lms_errors_tools.h: what a server, not a pupil's tab, starts
// from. Hosts read the numbers here rather than keeping copies of their own.
#include "../instance.hpp"
#include "json_util.hpp"
#include "lms/retry.hpp"
#include "lms/shared_retry_budget.hpp"
#include "lms_errors_tools.h"

// Written by the core's JSON writer (dump_json), as every other result: nlohmann's own
// serializer would bring its printf into the tools build for this one call.
LMS_C_API(lms_server_retry_policy) lms_status lms_server_retry_policy(lms_instance* instance) {
  return lms::c_api::reply(*instance, lms::dump_json(lms::to_json(lms::server_retry_policy())));
}
