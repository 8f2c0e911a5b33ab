# Project-wide helpers.
#
# Layering: every layer library exposes exactly one include root that holds a
# single link named after the layer (build/include/<layer>/<layer> -> app/<layer>).
# Code includes "core/Client.h", "service/TenantApi.h", ... and a header of a
# layer that is not linked is simply not on the include path: a wrong include
# fails to build.

set(APPINT_WARNING_FLAGS -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align
    -Woverloaded-virtual -Wformat=2 -Wimplicit-fallthrough)

function(appint_set_warnings target)
    target_compile_options(${target} PRIVATE ${APPINT_WARNING_FLAGS})
    if(APPINT_WERROR)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
    target_compile_definitions(${target} PRIVATE
        QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII QT_NO_URL_CAST_FROM_STRING
        QT_NO_CAST_FROM_BYTEARRAY QT_USE_QSTRINGBUILDER
        QT_DISABLE_DEPRECATED_BEFORE=0x060400)
endfunction()

# appint_add_layer(<layer> SOURCES ... [LINKS ...])
# Creates the static library appint_<layer> from app/<layer>.
function(appint_add_layer layer)
    cmake_parse_arguments(ARG "" "" "SOURCES;LINKS" ${ARGN})
    set(target appint_${layer})
    add_library(${target} STATIC ${ARG_SOURCES})
    set(root ${CMAKE_BINARY_DIR}/include/${layer})
    file(MAKE_DIRECTORY ${root})
    file(CREATE_LINK ${CMAKE_CURRENT_SOURCE_DIR} ${root}/${layer} SYMBOLIC)
    target_include_directories(${target} PUBLIC ${root})
    target_link_libraries(${target} PUBLIC ${ARG_LINKS})
    appint_set_warnings(${target})
endfunction()

# appint_add_test(<Name> SOURCES ... LINKS ... LABELS ... [GUI] [TIMEOUT s])
# One Qt Test executable and one ctest entry. GUI tests run on the offscreen
# platform. Every test gets private config/data folders so nothing touches the
# user's own settings.
function(appint_add_test name)
    cmake_parse_arguments(ARG "GUI" "TIMEOUT" "SOURCES;LINKS;LABELS" ${ARGN})
    add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE Qt6::Test ${ARG_LINKS})
    appint_set_warnings(${name})
    add_test(NAME ${name} COMMAND ${name})
    set(env "QT_QPA_PLATFORM=offscreen" "QT_LOGGING_RULES=appint.*.debug=false"
        "APPINT_SOURCE_DIR=${CMAKE_SOURCE_DIR}" "APPINT_BINARY_DIR=${CMAKE_BINARY_DIR}")
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 300)
    endif()
    set_tests_properties(${name} PROPERTIES
        LABELS "${ARG_LABELS}"
        TIMEOUT ${ARG_TIMEOUT}
        ENVIRONMENT "${env}")
endfunction()
