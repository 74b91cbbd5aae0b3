/* The ticket's state and rating names (ticket.h). */
#include <stddef.h>
#include <string.h>
#include "motcua/store/ticket.h"

static const char *const status_names[] = {
	[TICKET_WAITING] = "waiting",
	[TICKET_CALLED] = "called",
	[TICKET_SERVING] = "serving",
	[TICKET_DONE] = "done",
	[TICKET_NOSHOW] = "noshow",
	[TICKET_TRANSFERRED] = "transferred",
	[TICKET_CANCELLED] = "cancelled",
	[TICKET_EXPIRED] = "expired",
	[TICKET_VOID] = "void",
};

const char *ticket_status_name(enum ticket_status s)
{
	return (size_t)s < sizeof(status_names) / sizeof(status_names[0]) ? status_names[s] : "?";
}

bool ticket_status_parse(const char *s, enum ticket_status *out)
{
	for (size_t i = 0; i < sizeof(status_names) / sizeof(status_names[0]); i++) {
		if (strcmp(s, status_names[i]) == 0) {
			*out = (enum ticket_status)i;
			return true;
		}
	}
	return false;
}

const char *ticket_rating_label(enum ticket_rating r)
{
	switch (r) {
	case RATING_VERY_SATISFIED: return "Rất hài lòng";
	case RATING_SATISFIED: return "Hài lòng";
	case RATING_NEUTRAL: return "Bình thường";
	case RATING_UNSATISFIED: return "Không hài lòng";
	case RATING_NONE: break;
	}
	return NULL;
}
