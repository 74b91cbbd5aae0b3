#pragma once
/*
 * The lists the home and group screens show. The first screen shows every
 * field when they all fit on one page at the names' floor size; otherwise,
 * when fields have groups, one tile per group (and the fields without a
 * group), each leading to a screen of its fields with "Quay lại"; a list
 * that still does not fit is shown in pages. Setting kiosk_groups=always
 * shows the groups even when the fields would fit.
 */
#include <stddef.h>
#include "layout.h"

struct kiosk;

/* The output size, the fields or the settings changed: lays everything out again. */
void view_relayout(struct kiosk *k);
/* Shows the first screen, first page. */
void view_home(struct kiosk *k);
/* Shows group g's fields (SCREEN_GROUP). */
void view_open_group(struct kiosk *k, size_t g);
/* Turns the list on screen by delta pages (no-op past either end). */
void view_turn_page(struct kiosk *k, int delta);
/* How the kiosk measures text (its font cache), for layout.c. */
const struct layout_measure *view_measure(struct kiosk *k);
/* The line under field i's name: how many wait, or why it cannot be chosen. */
void view_field_sub(const struct kiosk *k, size_t i, char *buf, size_t size);
