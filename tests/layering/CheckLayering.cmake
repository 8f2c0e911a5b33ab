cmake_minimum_required(VERSION 3.25)
# Fails when a source file under app/<layer> includes a header of a layer that
# architecture.md does not let it depend on. The include roots already make
# such a build fail; this check names the offending line.
#   cmake -DSOURCE_DIR=... -P CheckLayering.cmake
set(allowed_core core)
set(allowed_service service core)
set(allowed_keychain keychain)
set(allowed_server server core)
set(allowed_print print core)
set(allowed_gui gui print service keychain core)
set(allowed_cli cli print service keychain core)
set(allowed_console console gui print server service keychain core)
set(layers core service keychain print server gui cli console)

set(violations "")
foreach(layer IN LISTS layers)
    file(GLOB_RECURSE files "${SOURCE_DIR}/app/${layer}/*.h" "${SOURCE_DIR}/app/${layer}/*.cpp")
    foreach(file IN LISTS files)
        file(STRINGS "${file}" includes REGEX "^#include \"[a-z]+/")
        foreach(line IN LISTS includes)
            string(REGEX REPLACE "^#include \"([a-z]+)/.*" "\\1" target "${line}")
            if(target IN_LIST layers AND NOT target IN_LIST allowed_${layer})
                file(RELATIVE_PATH rel "${SOURCE_DIR}" "${file}")
                string(APPEND violations "  ${rel}: ${line} (${layer} may use: ${allowed_${layer}})\n")
            endif()
        endforeach()
    endforeach()
endforeach()

if(violations)
    message(FATAL_ERROR "Layering violations:\n${violations}")
endif()
message(STATUS "Layering: every include follows architecture.md")
