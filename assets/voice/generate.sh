#!/bin/sh
# Generates the default voice clips in assets/voice/vi/ with Debian's
# espeak-ng Central Vietnamese voice, and a two-tone chime, with sox.
# Every clip: mono, 22050 Hz, 16-bit, silence trimmed, normalised to -3 dBFS.
# Human recordings with the same file names (same format) can replace them.
#
# Usage: assets/voice/generate.sh [VOICE]   (default vi-vn-x-central)
# Needs: espeak-ng, sox.  The clip list is in docs/number-reading.md and docs/voice.md.
set -eu

voice=${1:-vi-vn-x-central}
here=$(cd "$(dirname "$0")" && pwd)
out=$here/vi
rate=22050
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"

command -v espeak-ng >/dev/null || { echo "generate.sh: espeak-ng is not installed" >&2; exit 1; }
command -v sox >/dev/null || { echo "generate.sh: sox is not installed" >&2; exit 1; }

# clip name | text spoken
clips='khong|không
mot|một
hai|hai
ba|ba
bon|bốn
nam|năm
sau|sáu
bay|bảy
tam|tám
chin|chín
mot_sac|mốt
tu|tư
lam|lăm
muoi_huyen|mười
muoi|mươi
tram|trăm
linh|linh
le|lẻ
nghin|nghìn
ngan|ngàn
trieu|triệu
chu_a|a
chu_b|bê
chu_c|xê
chu_d|dê
chu_dd|đê
chu_e|e
chu_f|ép
chu_g|giê
chu_h|hát
chu_i|i
chu_j|gi
chu_k|ca
chu_l|e lờ
chu_m|em mờ
chu_n|en nờ
chu_o|o
chu_p|pê
chu_q|quy
chu_r|e rờ
chu_s|ét xì
chu_t|tê
chu_u|u
chu_v|vê
chu_w|vê kép
chu_x|ích xì
chu_y|i dài
chu_z|dét
moi_cong_dan_co_so_thu_tu|Mời công dân có số thứ tự
den_quay_so|đến quầy số'

echo "$clips" | while IFS='|' read -r name text; do
	# -s 150 words/min: slower than the default for a loudspeaker in a hall.
	espeak-ng -v "$voice" -s 150 -w "$tmp/raw.wav" "$text"
	# Trim leading/trailing silence, keep 40 ms of air after each word.
	sox "$tmp/raw.wav" -r $rate -c 1 -b 16 "$out/$name.wav" \
		silence 1 0.01 0.5% reverse silence 1 0.01 0.5% reverse \
		pad 0 0.04 norm -3
done

# Silence between repeats of the sentence.
sox -n -r $rate -c 1 -b 16 "$out/pause.wav" trim 0 0.6

# Chime: two soft bell tones (E5 then C5) with a decay, then a short rest.
sox -n -r $rate -c 1 -b 16 "$tmp/t1.wav" synth 0.55 sine 659.25 fade q 0.01 0.55 0.5
sox -n -r $rate -c 1 -b 16 "$tmp/t2.wav" synth 0.9 sine 523.25 fade q 0.01 0.9 0.85
sox "$tmp/t1.wav" "$tmp/t2.wav" "$out/chime.wav" norm -4 pad 0 0.3

echo "generate.sh: $(ls "$out"/*.wav | wc -l) clips in $out ($voice)"
