cmake_minimum_required(VERSION 3.25)
# Fails when code under app/ turns QtKeychain's plain-text fallback on, or
# creates a QtKeychain job without turning it off next to it. On the libsecret
# path the fallback is ignored, so the no-Secret-Service test cannot see it;
# on the KWallet path it writes secrets to a settings file (environment.md).
#   cmake -DSOURCE_DIR=... -P CheckNoInsecureFallback.cmake
file(GLOB_RECURSE files "${SOURCE_DIR}/app/*.h" "${SOURCE_DIR}/app/*.cpp")
set(violations "")
set(calls 0)
foreach(file IN LISTS files)
    file(STRINGS "${file}" lines REGEX "setInsecureFallback[ ]*\\(")
    foreach(line IN LISTS lines)
        math(EXPR calls "${calls} + 1")
        if(NOT line MATCHES "setInsecureFallback\\(false\\)")
            file(RELATIVE_PATH rel "${SOURCE_DIR}" "${file}")
            string(APPEND violations "  ${rel}: ${line}\n")
        endif()
    endforeach()
endforeach()
if(violations)
    message(FATAL_ERROR "QtKeychain's insecure fallback must stay off:\n${violations}")
endif()
if(calls EQUAL 0)
    message(FATAL_ERROR "No setInsecureFallback(false) found under app/: every QtKeychain job must set it")
endif()
message(STATUS "QtKeychain jobs: setInsecureFallback(false) only (${calls} call(s))")
