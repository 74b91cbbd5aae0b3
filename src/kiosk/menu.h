#pragma once
/*
 * What the kiosk offers, read from the snapshot's fields: the fields in
 * their display order, and their groups (service --group), each group
 * once, in the order of its first field. A list on screen is a list of
 * entries, each a field or a group. Pure: no drawing, no database.
 */
#include <stdbool.h>
#include <stddef.h>
#include "motcua/store/snapshot.h"

#define MENU_MAX 64                /* fields the kiosk offers (more are logged and left out) */

struct menu_entry {
	bool group;
	size_t index;                  /* a field: its index in the snapshot; a group: in the menu */
};

struct menu {
	size_t n_fields;
	int group_of[MENU_MAX];        /* field i's group, -1 for none */
	size_t n_groups;
	const char *group_name[MENU_MAX];  /* borrowed from the snapshot */
	size_t group_size[MENU_MAX];
};

/* Reads s (borrowed: rebuild the menu when the snapshot is replaced). */
void menu_build(struct menu *m, const struct snapshot *s);
/* Every field; returns how many entries were written to out (MENU_MAX room). */
size_t menu_fields(const struct menu *m, struct menu_entry *out);
/* The fields of group g. */
size_t menu_group_fields(const struct menu *m, size_t g, struct menu_entry *out);
/* The grouped first screen: each group where its first field is, and the fields without one. */
size_t menu_grouped(const struct menu *m, struct menu_entry *out);
/* The group named name, or -1. */
int menu_find_group(const struct menu *m, const char *name);
