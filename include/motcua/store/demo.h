#pragma once
#include "motcua/store/layer.h"
/*
 * A realistic demo desk: five Vietnamese services (hộ tịch, chứng thực,
 * đất đai – xây dựng, lao động – thương binh và xã hội, lĩnh vực khác) and
 * four counters with officers. Used by `motcua init --demo`, tests and benches.
 */
#include "motcua/store/db.h"

bool demo_load(struct db *db, struct result *r);
