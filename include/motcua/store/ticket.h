#pragma once
#include "motcua/store/layer.h"
/*
 * The ticket: one citizen's number for one field on one day, and the
 * states it goes through. The operations that change tickets are in
 * queue.h; this header only says what a ticket is.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>
#include "motcua/store/db.h"
#include "motcua/store/services.h"

enum ticket_status {
	TICKET_WAITING,
	TICKET_CALLED,
	TICKET_SERVING,
	TICKET_DONE,
	TICKET_NOSHOW,
	TICKET_TRANSFERRED,
	TICKET_CANCELLED,
	TICKET_EXPIRED,
	TICKET_VOID,        /* issued but its paper failed to print */
};

/* Satisfaction rating after service; 0 = not rated. */
enum ticket_rating {
	RATING_NONE = 0,
	RATING_VERY_SATISFIED = 1,  /* Rất hài lòng */
	RATING_SATISFIED = 2,       /* Hài lòng */
	RATING_NEUTRAL = 3,         /* Bình thường */
	RATING_UNSATISFIED = 4,     /* Không hài lòng */
};

/* 16 random bytes (128 bits) as unpadded base64url. */
#define TICKET_PUBLIC_TOKEN_LEN 22

struct ticket {
	int64_t id;
	int64_t service_id;
	char service_code[SERVICE_CODE_MAX + 1];
	char service_name[SERVICE_NAME_MAX + 1];
	int day;                 /* local business day, yyyymmdd */
	int seq;                 /* 1-based order of issue for the service that day */
	char number[16];         /* as printed and announced, e.g. "A1005" */
	bool priority;
	enum ticket_status status;
	int counter;             /* counter number, 0 = none */
	int target_counter;      /* transferred to this counter only, 0 = any */
	char officer[64];
	int recalls;
	int64_t issued_ms;       /* original issue, UTC ms */
	int64_t called_ms;       /* 0 = never */
	int64_t finished_ms;     /* 0 = not finished */
	int64_t wait_ms;         /* -1 = not called yet */
	int64_t service_ms;      /* -1 = not finished */
	int64_t transferred_from;/* ticket id, 0 = none */
	enum ticket_rating rating;
	bool print_unconfirmed;  /* its paper may exist but was not confirmed (printjob.h) */
	/*
	 * The status page's secret (TICKET_PUBLIC_TOKEN_LEN base64url chars,
	 * "" for older tickets and transfer copies). Printed on the paper only:
	 * never put it in events, logs or staff answers (the kiosk's issue
	 * answer excepted, since the kiosk prints it).
	 */
	char public_token[TICKET_PUBLIC_TOKEN_LEN + 1];
	/* Filled by queue_issue only: */
	int ahead;               /* people called before this one (store/plan.c) */
	int est_wait_s;          /* estimated wait until it is called */
};

const char *ticket_status_name(enum ticket_status s);  /* "waiting", "noshow", ... */
/* The state in words for people, to follow a number: "đang chờ", "vắng mặt", ... */
const char *ticket_status_words(enum ticket_status s);
bool ticket_status_parse(const char *s, enum ticket_status *out);
/* Vietnamese labels for ratings: "Rất hài lòng", ... ; NULL for RATING_NONE. */
const char *ticket_rating_label(enum ticket_rating r);

/*
 * Flags (or clears) a ticket whose printing was not confirmed: the number
 * may be on paper, so the ticket stays valid, and staff are told to check
 * (`motcua status`, the kiosk's admin screen). Its own write transaction.
 */
bool ticket_set_print_unconfirmed(struct db *db, int64_t id, bool unconfirmed,
	struct result *r);
/*
 * The status page's address for the ticket, PUBLIC_URL/t/TOKEN, into buf
 * (public_url is the setting "public_url"; a trailing '/' is dropped).
 * False, with buf "", when public_url is empty (no QR code wanted), the
 * ticket has no token, or buf is too small.
 */
bool ticket_public_url(const struct ticket *t, const char *public_url, char *buf, size_t size);
/* Whether s has the shape of a public token (length and alphabet). */
bool ticket_public_token_valid(const char *s);

/* Ids of day's flagged tickets, oldest first; *ids is malloc'd (free it). */
bool ticket_list_print_unconfirmed(struct db *db, int day, int64_t **ids, size_t *n,
	struct result *r);
