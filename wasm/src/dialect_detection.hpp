// dialect_detection.hpp — private: which convention a JSON object body follows, from its shape.
#pragma once

#include <cstdint>

#include "envelope_members.hpp"

namespace lms::envelope {

// The shapes parse() reads (lms/envelope.hpp lists them); `other` is an object of none.
enum class Shape : std::uint8_t { wrapped, nestjs, lms, okflag, problem, other };

// The first rule of kShapeRules (dialect_detection.cpp) that the object's members meet. A
// problem+json media type makes any object a problem.
Shape detect_shape(const Members& members, bool problem_media, const jscan::Index* index);

// The code member of a shape: a string that is not blank (" LMS-ADM-007" is a code).
bool is_code(std::string_view value);

}  // namespace lms::envelope
