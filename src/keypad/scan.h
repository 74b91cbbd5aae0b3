#pragma once
/*
 * motcua-keypad --scan: which keypads answer on the bus, for the installer
 * who wires it (firmware-notes/keypad-protocol.md, "Scanning the bus").
 */
#include <stdbool.h>
#include <stdio.h>
#include "link.h"

/* Parses "A-B" or "A" (addresses 1..247, A <= B). */
bool scan_parse_range(const char *s, int *lo, int *hi);

/*
 * Greets every address lo..hi (a HELLO that keeps pending key events) and
 * prints one line per keypad that answers to out. Returns how many did.
 */
int scan_bus(struct link *l, int lo, int hi, FILE *out);
