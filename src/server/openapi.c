/* The OpenAPI document, built into the program from src/server/openapi.json
 * (GNU assembler .incbin: gcc and clang both take it), so that the server
 * needs no file beside it and the served document is the one the test
 * checks against the route table. The Makefile names the JSON file as a
 * prerequisite of this object. */
#include "server/internal.h"

__asm__(".section .rodata\n"
        ".global srv__openapi_begin\n"
        ".type srv__openapi_begin, @object\n"
        ".balign 16\n"
        "srv__openapi_begin:\n"
        ".incbin \"src/server/openapi.json\"\n"
        ".global srv__openapi_end\n"
        ".type srv__openapi_end, @object\n"
        "srv__openapi_end:\n"
        ".byte 0\n"
        ".previous\n");

extern const char srv__openapi_begin[];
extern const char srv__openapi_end[];

const char *srv__openapi(size_t *len)
{
	*len = (size_t)(srv__openapi_end - srv__openapi_begin);
	return srv__openapi_begin;
}
