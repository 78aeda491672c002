/* json_value.h - writes a parsed JSON value (jansson) compactly into a Buf, with the
 * same number forms as every other JSON relata writes (shortest round-trip doubles in
 * JavaScript's layout; jansson's own dump uses %.17g). Used where request data is echoed
 * (variables in messages, Json values stored by mutations). */
#ifndef RELATA_BASE_JSON_VALUE_H
#define RELATA_BASE_JSON_VALUE_H

#include <jansson.h>

#include "base/buf.h"

void json_put_value(Buf *b, json_t *j);

#endif
