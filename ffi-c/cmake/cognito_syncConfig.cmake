# CMake package of the Cognito Sync C library, installed by ffi-c/install.sh as
# PREFIX/lib/cmake/cognito_sync/cognito_syncConfig.cmake. Use:
#
#   find_package(cognito_sync 0.1 REQUIRED)      # CMAKE_PREFIX_PATH=PREFIX
#   target_link_libraries(game PRIVATE cognito_sync::cognito_sync)  # shared
#   target_link_libraries(game PRIVATE cognito_sync::static)        # static
#
# Relocatable: every path is found from this file's own place, and the shared
# target carries IMPORTED_SONAME, so an executable records libcognito_sync.so.0
# (or @rpath/libcognito_sync.dylib), never this prefix; give the executable an
# rpath ($ORIGIN, @executable_path) to load the library shipped beside it.
get_filename_component(_cognito_sync_prefix "${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)
set(_cognito_sync_lib "${_cognito_sync_prefix}/lib")
set(_cognito_sync_include "${_cognito_sync_prefix}/include")

if(NOT TARGET cognito_sync::cognito_sync)
  add_library(cognito_sync::cognito_sync SHARED IMPORTED)
  if(WIN32)
    set_target_properties(cognito_sync::cognito_sync PROPERTIES
      IMPORTED_LOCATION "${_cognito_sync_prefix}/bin/cognito_sync.dll")
    # MinGW's import library (install.sh), else MSVC's.
    if(EXISTS "${_cognito_sync_lib}/libcognito_sync.dll.a")
      set_target_properties(cognito_sync::cognito_sync PROPERTIES
        IMPORTED_IMPLIB "${_cognito_sync_lib}/libcognito_sync.dll.a")
    else()
      set_target_properties(cognito_sync::cognito_sync PROPERTIES
        IMPORTED_IMPLIB "${_cognito_sync_lib}/cognito_sync.dll.lib")
    endif()
  elseif(APPLE)
    set_target_properties(cognito_sync::cognito_sync PROPERTIES
      IMPORTED_LOCATION "${_cognito_sync_lib}/libcognito_sync.dylib"
      IMPORTED_SONAME "@rpath/libcognito_sync.dylib")
  else()
    set_target_properties(cognito_sync::cognito_sync PROPERTIES
      IMPORTED_LOCATION "${_cognito_sync_lib}/libcognito_sync.so.0"
      IMPORTED_SONAME "libcognito_sync.so.0")
  endif()
  set_target_properties(cognito_sync::cognito_sync PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${_cognito_sync_include}")
endif()

if(NOT TARGET cognito_sync::static)
  add_library(cognito_sync::static STATIC IMPORTED)
  include(CMakeFindDependencyMacro)
  find_dependency(Threads)
  if(WIN32)
    set_target_properties(cognito_sync::static PROPERTIES
      IMPORTED_LOCATION "${_cognito_sync_lib}/cognito_sync.lib"
      INTERFACE_LINK_LIBRARIES "Threads::Threads;ws2_32;userenv;ntdll;bcrypt;advapi32")
  else()
    set(_cognito_sync_deps "Threads::Threads;${CMAKE_DL_LIBS}")
    if(NOT APPLE)
      list(APPEND _cognito_sync_deps m)
    else()
      list(APPEND _cognito_sync_deps "-framework CoreFoundation" "-framework Security")
    endif()
    set_target_properties(cognito_sync::static PROPERTIES
      IMPORTED_LOCATION "${_cognito_sync_lib}/libcognito_sync.a"
      INTERFACE_LINK_LIBRARIES "${_cognito_sync_deps}")
  endif()
  set_target_properties(cognito_sync::static PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${_cognito_sync_include}")
endif()

unset(_cognito_sync_prefix)
unset(_cognito_sync_lib)
unset(_cognito_sync_include)
