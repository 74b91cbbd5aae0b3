/*
 * The kiosk's fields and groups (menu.h). Groups are matched by their exact
 * name: the technician types the same name for each field of a group.
 */
#include <string.h>
#include "menu.h"

int menu_find_group(const struct menu *m, const char *name)
{
	for (size_t g = 0; g < m->n_groups; g++) {
		if (strcmp(m->group_name[g], name) == 0) {
			return (int)g;
		}
	}
	return -1;
}

void menu_build(struct menu *m, const struct snapshot *s)
{
	*m = (struct menu){ 0 };
	m->n_fields = s->n_services < MENU_MAX ? s->n_services : MENU_MAX;
	for (size_t i = 0; i < m->n_fields; i++) {
		const char *name = s->services[i].service.group;
		m->group_of[i] = -1;
		if (!*name) {
			continue;
		}
		int g = menu_find_group(m, name);
		if (g < 0) {
			g = (int)m->n_groups++;
			m->group_name[g] = name;
		}
		m->group_of[i] = g;
		m->group_size[g]++;
	}
}

size_t menu_fields(const struct menu *m, struct menu_entry *out)
{
	for (size_t i = 0; i < m->n_fields; i++) {
		out[i] = (struct menu_entry){ false, i };
	}
	return m->n_fields;
}

size_t menu_group_fields(const struct menu *m, size_t g, struct menu_entry *out)
{
	size_t n = 0;
	for (size_t i = 0; i < m->n_fields; i++) {
		if (m->group_of[i] == (int)g) {
			out[n++] = (struct menu_entry){ false, i };
		}
	}
	return n;
}

size_t menu_grouped(const struct menu *m, struct menu_entry *out)
{
	bool shown[MENU_MAX] = { false };
	size_t n = 0;
	for (size_t i = 0; i < m->n_fields; i++) {
		int g = m->group_of[i];
		if (g < 0) {
			out[n++] = (struct menu_entry){ false, i };
		} else if (!shown[g]) {
			shown[g] = true;
			out[n++] = (struct menu_entry){ true, (size_t)g };
		}
	}
	return n;
}
