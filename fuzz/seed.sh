#!/bin/sh
# Seeds fuzz/corpus/<target> from ../shared (read at run time, never
# committed: corpus/ is git-ignored) and from the repository's lexicon.
# Usage: fuzz/seed.sh            (from anywhere; idempotent)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
shared=${SITREP_SHARED:-$(dirname "$root")/shared}
corpus=$here/corpus
for t in repair html warc feed jsonl csv text lexicon analyze server; do mkdir -p "$corpus/$t"; done

put() { # put TARGET NAME < bytes
    cat > "$corpus/$1/$2"
}

# HTML pages of the eval set (gzipped there), capped at 64 KB each.
if [ -d "$shared/eval/html/pages" ]; then
    for f in "$shared"/eval/html/pages/*.html.gz; do
        n=$(basename "$f" .html.gz | cut -c1-16)
        gzip -dc "$f" | head -c 65536 > "$corpus/html/$n.html"
        for t in repair text analyze; do cp "$corpus/html/$n.html" "$corpus/$t/$n.html"; done
    done
    # The same pages with a declared charset, for repair.
    for f in $(ls "$corpus"/html/*.html | head -n 20); do
        { printf 'charset=windows-1252\n'; cat "$f"; } | put repair "w1252-$(basename "$f")"
    done
else
    echo "seed.sh: no $shared/eval/html/pages; HTML seeds skipped" >&2
fi

# Feed and WARC fixtures (plain and gzipped), also for the whole path.
if [ -d "$shared/fixtures" ]; then
    find "$shared/fixtures/feeds" -type f ! -name 'SOURCE.txt' ! -name 'LICENSE*' | while read -r f; do
        n=$(echo "$f" | sed "s|$shared/fixtures/feeds/||; s|/|_|g")
        head -c 65536 "$f" | put feed "$n"
        cp "$corpus/feed/$n" "$corpus/analyze/feed_$n"
    done
    find "$shared/fixtures/warc" -type f ! -name 'SOURCE.txt' ! -name 'LICENSE' ! -name '*.lz4' | while read -r f; do
        n=$(echo "$f" | sed "s|$shared/fixtures/warc/||; s|/|_|g")
        if [ "$(wc -c < "$f")" -le 262144 ]; then
            cp "$f" "$corpus/warc/$n"
            cp "$f" "$corpus/analyze/warc_$n"
        fi
    done
else
    echo "seed.sh: no $shared/fixtures; feed and WARC seeds skipped" >&2
fi

# JSONL: the eval set's sentences as documents, and hand-written records.
if [ -f "$shared/eval/modality-dev.jsonl" ]; then
    head -n 40 "$shared/eval/modality-dev.jsonl" | put jsonl modality
    head -n 5 "$shared/eval/modality-dev.jsonl" | put analyze modality.jsonl
fi
printf '%s\n' '{"id":"a","text":"Talks resumed in Geneva on Monday.","url":"https://example.org/a","date":"2024-03-01"}' \
    '{"id":"b","html":"<html><head><title>T</title></head><body><p>Troops shelled the town.</p></body></html>"}' \
    '{"text":"x","date":"9999-12-31","title":null}' | put jsonl hand
cp "$corpus/jsonl/hand" "$corpus/analyze/hand.jsonl"

# CSV: the start of AG News, and a hand-written TSV with quotes and line breaks.
if [ -f "$shared/corpus/ag-news-test/test.csv" ]; then
    head -n 30 "$shared/corpus/ag-news-test/test.csv" | put csv ag-news
    head -n 5 "$shared/corpus/ag-news-test/test.csv" | put analyze ag-news.csv
fi
printf 'id\theadline\tbody\tpublished\n1\tTalks\t"Envoys met ""again""\nin Geneva."\t2024-03-01\n2\t\t\t\n' | put csv hand

# Plain text.
printf 'Talks resume in Geneva\n\nBy A. Writer\n\nNegotiators met again on Monday, officials said. "We will not stop," he said.\n\nSource: https://example.org/x\n\nComments\n\nReader: so what?\n' | put text page
cp "$corpus/text/page" "$corpus/analyze/page.txt"
cp "$corpus/text/page" "$corpus/repair/page.txt"

# Lexicon files: the first line names the file, as the target expects.
find "$root/lexicon" -name '*.tsv' | while read -r f; do
    rel=${f#"$root/lexicon/"}
    n=$(echo "$rel" | sed 's|/|_|g')
    { echo "$rel"; head -n 200 "$f"; } | put lexicon "$n"
done

# HTTP requests: `METHOD PATH [TOKEN]`, then the body.
printf 'GET /api/events?limit=5&offset=0\n' | put server events
printf 'GET /api/events/abc-0-0\n' | put server event
printf 'GET /api/documents/1\n' | put server document
printf 'GET /api/actors?limit=3\n' | put server actors
printf 'GET /api/dyads\n' | put server dyads
printf 'GET /api/timeline?by=month\n' | put server timeline
printf 'GET /api/claims\n' | put server claims
printf 'GET /api/stats\n' | put server stats
printf 'GET /api/search?q=talks+geneva\n' | put server search
printf 'GET /api/openapi.json\n' | put server openapi
printf 'GET /assets/app.js\n' | put server asset
printf 'POST /api/analyze\n{"text":"Russia accused Ukraine of shelling the plant on Monday."}' | put server analyze
printf 'POST /api/analyze\n{"html":"<p>Troops shelled the town.</p>","url":"https://example.org/x"}' | put server analyze-html
printf 'POST /api/ingest?format=jsonl fuzz\n{"id":"a","text":"Talks resumed in Geneva on Monday."}\n' | put server ingest
echo "seeded: $(for t in "$corpus"/*; do printf '%s=%s ' "$(basename "$t")" "$(ls "$t" | wc -l)"; done)"
