# cmake --install: the two static libraries, their public headers, a CMake package
# (find_package(lms_errors CONFIG) -> lms_errors::core, lms_errors::c_api) and a pkg-config file
# (lms_errors.pc: what cgo reads for the Go package, go/).
include(CMakePackageConfigHelpers)

install(TARGETS lms_core lms_errors EXPORT lms_errorsTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/wasm/include/lms DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  FILES_MATCHING PATTERN "*.hpp")
install(FILES ${PROJECT_SOURCE_DIR}/include/lms_errors.h ${PROJECT_SOURCE_DIR}/include/lms_errors_tools.h
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})

set(LMS_ERRORS_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/lms_errors)
install(EXPORT lms_errorsTargets NAMESPACE lms_errors:: DESTINATION ${LMS_ERRORS_CMAKE_DIR})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/lms_errorsConfig.cmake.in
  ${PROJECT_BINARY_DIR}/lms_errorsConfig.cmake INSTALL_DESTINATION ${LMS_ERRORS_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/lms_errorsConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/lms_errorsConfig.cmake ${PROJECT_BINARY_DIR}/lms_errorsConfigVersion.cmake
  DESTINATION ${LMS_ERRORS_CMAKE_DIR})

# The .pc file finds its prefix from where it lies, so `cmake --install --prefix DIR` works too.
file(RELATIVE_PATH LMS_ERRORS_PC_TO_PREFIX /prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig /prefix)
string(REGEX REPLACE "/$" "" LMS_ERRORS_PC_TO_PREFIX "${LMS_ERRORS_PC_TO_PREFIX}")
configure_file(${PROJECT_SOURCE_DIR}/cmake/lms_errors.pc.in ${PROJECT_BINARY_DIR}/lms_errors.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/lms_errors.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
