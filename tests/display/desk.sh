# Shared by the display tests: source it with $MOTCUA set to the motcua CLI.
# desk_create DB FIELDS: a new desk database with FIELDS (1-16) fields of
# real, long Vietnamese names (ranges 1001-1999 ... 9001-9999, then prefixes
# A-G with 1001-1999), and a long notice.
# desk_counters DB FIELDS FROM TO: adds counters FROM..TO (counter i serves
# field ((i-1) % FIELDS) + 1; "Quầy i", every fourth named after its field),
# gives each a citizen to serve, and pauses counter 3 while it serves one.
# Counters are added to an existing desk, so a test can copy the 4-counter
# desk and grow it to 12, 24, 32 without building it again.
DESK_CODES=(LD DD CT TP GD NN TC KT VH NV KD TN GT BH NC HT)
DESK_NAMES=("Lao động – Thương binh và Xã hội" "Đất đai – Xây dựng – Môi trường"
	"Chứng thực – Hộ tịch" "Tư pháp – Hộ tịch" "Giáo dục – Y tế"
	"Nông nghiệp và Phát triển nông thôn" "Tài chính – Kế hoạch" "Kinh tế – Hạ tầng"
	"Văn hóa – Thông tin" "Nội vụ – Tôn giáo" "Đăng ký kinh doanh"
	"Tài nguyên và Môi trường" "Giao thông vận tải" "Bảo hiểm xã hội – Bảo hiểm y tế"
	"Người có công – Bảo trợ xã hội" "Hộ tịch")
DESK_PREFIXES=(A B C D E F G)

desk_create() {
	local db=$1 fields=$2 i args
	"$MOTCUA" --db "$db" init >/dev/null || return 1
	"$MOTCUA" --db "$db" set notice "Công dân vui lòng lấy số thứ tự và chờ đến lượt. Giờ làm việc: sáng 7h00–11h30, chiều 13h30–17h00 từ thứ Hai đến thứ Sáu." >/dev/null || return 1
	for ((i = 0; i < fields; i++)); do
		if ((i < 9)); then
			args=(--range "$((i + 1))001-$((i + 1))999")
		else
			args=(--prefix "${DESK_PREFIXES[i - 9]}" --range 1001-1999)
		fi
		"$MOTCUA" --db "$db" service add "${DESK_CODES[i]}" "${DESK_NAMES[i]}" "${args[@]}" \
			--position "$i" >/dev/null || return 1
	done
}

desk_counters() {
	local db=$1 fields=$2 from=$3 to=$4 i f name
	for ((i = from; i <= to; i++)); do
		f=$(((i - 1) % fields))
		name="Quầy $i"
		((i % 4 == 2)) && name=${DESK_NAMES[f]}
		"$MOTCUA" --db "$db" counter add "$i" "$name" "${DESK_CODES[f]}" >/dev/null || return 1
		"$MOTCUA" --db "$db" issue "${DESK_CODES[f]}" >/dev/null || return 1
	done
	# A second ticket for the first fields: people waiting.
	for ((i = from; i <= to && i < from + 3; i++)); do
		"$MOTCUA" --db "$db" issue "${DESK_CODES[$(((i - 1) % fields))]}" >/dev/null || return 1
	done
	for ((i = from; i <= to; i++)); do
		"$MOTCUA" --db "$db" call "$i" >/dev/null || return 1
	done
	if ((from <= 3 && 3 <= to)); then
		"$MOTCUA" --db "$db" counter pause 3 "Họp giao ban" >/dev/null || return 1
	fi
}
