#!/usr/bin/env bash
# Runs every test: the xunit projects of the solution, then the Pester suite of the module in the
# pinned PowerShell (.config/dotnet-tools.json) with the pinned Pester (tests/pester/PesterTools.csproj).
# Prints the totals of both as the last line: "N passed, N failed, N skipped". Exits non-zero when
# anything failed or nothing ran.
set -uo pipefail
cd "$(dirname "$0")/.."

results=TestResults
rm -rf "$results"
dotnet tool restore >/dev/null || { echo "0 passed, 1 failed"; exit 1; }
dotnet build SegMeasure.PowerShell.sln -c Release -nologo -v q || { echo "0 passed, 1 failed"; exit 1; }
# The native AOT `segmeasure` that releases ship, published once (a few minutes); the CLI tests marked
# [AotFact] (Cli.Tests/Aot) run against it through SEGMEASURE_AOT. Elsewhere they are skipped.
aot_failed=0
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) aot_rid=linux-x64 ;;
  Linux-aarch64) aot_rid=linux-arm64 ;;
  *) aot_rid= ;;
esac
if [ -n "$aot_rid" ]; then
  if dotnet publish src/SegMeasure.Cli -c Release -r "$aot_rid" -o artifacts/aot -nologo -v q >/dev/null; then
    export SEGMEASURE_AOT="$PWD/artifacts/aot/segmeasure"
  else
    echo "native AOT publish of src/SegMeasure.Cli failed"; aot_failed=1
  fi
fi
dotnet test SegMeasure.PowerShell.sln -c Release --no-build -nologo \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results"
status=$?

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${t:-0} - ${e:-0}))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
# The failed tests' names, printed again at the end so that the tail of a long log still names them.
failed_names=$(for trx in "$results"/*.trx; do
  [ -f "$trx" ] && grep -o '<UnitTestResult [^>]*outcome="Failed"[^>]*>' "$trx" | sed -n 's/.* testName="\([^"]*\)".*/failed: \1/p'
done)
failed=$((failed + aot_failed))

# The module as users run it: the built module folder in a real PowerShell.
pester_status=1
if dotnet restore tests/pester/PesterTools.csproj -nologo -v q; then
  packages=$(dotnet msbuild tests/pester/PesterTools.csproj -getProperty:NuGetPackageRoot)
  dotnet pwsh -NoProfile -NonInteractive -File tests/pester/Invoke-PesterSuite.ps1 -PackageRoot "$packages"
  pester_status=$?
fi
if [ -f "$results/pester-counts.txt" ]; then
  read -r p f s < "$results/pester-counts.txt"
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
fi
if [ "$pester_status" -ne 0 ] && [ "${f:-0}" -eq 0 ]; then failed=$((failed + 1)); fi

[ -n "$failed_names" ] && echo "$failed_names"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
