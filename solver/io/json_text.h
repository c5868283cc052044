/* JSON text from a jansson value, as json_dumps writes it but with every real number in the
 * shortest form that reads back as the same double ("2496.37", not 2496.37000000002 or
 * 2496.3699999999999): exact, and what people expect to read. jansson has one precision for a
 * whole document, which cannot be both. */
#ifndef SRC_JSON_TEXT_H
#define SRC_JSON_TEXT_H

#include <jansson.h>

/* The text of value, pretty-printed with indent spaces per level when indent > 0, else compact;
 * object keys in their order. free() it; NULL when out of memory. */
char *json_text_dump(const json_t *value, int indent);

/* The fewest significant digits of v that strtod reads back as v, positional from 1e-4 to 1e17
 * ("7500.0", "0.30000000000000004"; ".0" keeps a whole number a real) and with an exponent
 * outside ("1e-07"). v must be finite. buf holds at least 40 bytes. */
void json_text_real(double v, char *buf, size_t size);

#endif
