cd /work/wt/bench
for m in iupkit pdfkit; do npx tsx --tsconfig tsconfig.base.json test/bench/pdf-child.ts $m reports/bench/main.db 10000; done
