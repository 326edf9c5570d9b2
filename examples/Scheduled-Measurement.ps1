#Requires -Version 7.6
<#
.SYNOPSIS
    Unattended measurement run: measures every new or changed segmentation below a folder.

.DESCRIPTION
    Meant for Windows Task Scheduler or cron. It never prompts, logs everything to a transcript
    in -LogDirectory, skips segmentations whose output table is newer than the segmentation
    (and than its intensity image), writes each table to a temporary file renamed into place,
    and ends with an exit code a scheduler records:

        0  every input measured or already up to date
        1  some inputs failed (see the log); the others were measured
        2  the run could not start (module missing, folder missing)

    Each segmentation <name>_cells.tif gets <name>_cells.measurements.csv beside it with its
    morphology and, when <name>_raw.tif exists, its intensity statistics.

    Register on Windows (runs nightly at 02:00 as the current user):

        $action  = New-ScheduledTaskAction -Execute 'pwsh.exe' `
            -Argument '-NoProfile -NonInteractive -File C:\scripts\Scheduled-Measurement.ps1 -Root D:\plates'
        $trigger = New-ScheduledTaskTrigger -Daily -At 2am
        Register-ScheduledTask -TaskName 'SegMeasure nightly' -Action $action -Trigger $trigger

        # last result: (Get-ScheduledTaskInfo 'SegMeasure nightly').LastTaskResult

    Register with cron on Linux (crontab -e), nightly at 02:00:

        0 2 * * * pwsh -NoProfile -NonInteractive -File /opt/scripts/Scheduled-Measurement.ps1 -Root /data/plates

    cron mails anything written to stdout; the transcript keeps the full log either way.
    Run from a clone of the repository, it imports the module folder the build assembles
    (artifacts/SegMeasure); elsewhere the SegMeasure installed in $env:PSModulePath, or the
    module folder or manifest given as -ModulePath.

.EXAMPLE
    pwsh -NoProfile -NonInteractive -File ./Scheduled-Measurement.ps1 -Root /data/plates
#>
[CmdletBinding()]
param(
    # Folder searched recursively for segmentations.
    [Parameter(Mandatory)]
    [string] $Root,

    # Segmentation file names to measure.
    [string] $Filter = '*_cells.tif',

    # Suffixes pairing a segmentation with its intensity image.
    [string] $SegmentationSuffix = '_cells',
    [string] $IntensitySuffix = '_raw',

    # Where transcripts go; default: Root/logs.
    [string] $LogDirectory,

    # The module folder or manifest to import; by default the repository's build or the installed module.
    [string] $ModulePath,

    # Measure everything again, even when outputs are up to date.
    [switch] $Force
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'   # no progress bars in a log
$ConfirmPreference = 'None'                # never prompt

$ExitSuccess = 0; $ExitSomeFailed = 1; $ExitCannotStart = 2

try {
    if (-not (Test-Path -LiteralPath $Root -PathType Container)) { throw "input folder '$Root' does not exist" }
    if (-not $LogDirectory) { $LogDirectory = Join-Path $Root 'logs' }
    New-Item -ItemType Directory -Path $LogDirectory -Force | Out-Null
    $log = Join-Path $LogDirectory ("measurement-{0:yyyyMMdd-HHmmss}.log" -f (Get-Date))
    Start-Transcript -LiteralPath $log | Out-Null
    if ($ModulePath) { Import-Module $ModulePath } else { . (Join-Path $PSScriptRoot 'Import-SegMeasure.ps1') }
}
catch {
    [Console]::Error.WriteLine("Scheduled-Measurement: cannot start: $($_.Exception.Message)")
    exit $ExitCannotStart
}

$measured = 0; $upToDate = 0; $failed = 0
try {
    Write-Host "SegMeasure $((Get-Module SegMeasure).Version) measuring '$Filter' below $Root"
    $pattern = [regex]::Escape($SegmentationSuffix) + '(?=\.tiff?$)'
    foreach ($segmentation in Get-ChildItem -LiteralPath $Root -Recurse -File -Filter $Filter) {
        $intensity = $segmentation.FullName -replace $pattern, $IntensitySuffix
        $hasIntensity = ($intensity -ne $segmentation.FullName) -and (Test-Path -LiteralPath $intensity -PathType Leaf)
        $output = [IO.Path]::ChangeExtension($segmentation.FullName, '.measurements.csv')

        # Up to date: the output is newer than every input it was made from.
        $newestInput = $segmentation.LastWriteTimeUtc
        if ($hasIntensity) {
            $intensityTime = (Get-Item -LiteralPath $intensity).LastWriteTimeUtc
            if ($intensityTime -gt $newestInput) { $newestInput = $intensityTime }
        }
        if (-not $Force -and (Test-Path -LiteralPath $output) -and (Get-Item -LiteralPath $output).LastWriteTimeUtc -gt $newestInput) {
            $upToDate++
            continue
        }

        try {
            $rows = @(Measure-Morphology -LiteralPath $segmentation.FullName -ErrorAction Stop)
            if ($hasIntensity) {
                $stats = @{}
                Measure-Intensity -LiteralPath $segmentation.FullName -IntensityPath $intensity -ErrorAction Stop |
                    ForEach-Object { $stats[$_.index] = $_ }
                foreach ($row in $rows) {
                    $match = $stats[$row.index]
                    if ($null -eq $match) { continue }
                    foreach ($p in $match.PSObject.Properties) {
                        if (-not $row.PSObject.Properties[$p.Name]) { $row | Add-Member -NotePropertyName $p.Name -NotePropertyValue $p.Value }
                    }
                }
            }

            # Write beside, then rename: a crash never leaves a half-written table that looks up to date.
            $partial = "$output.partial"
            $rows | Export-Csv -LiteralPath $partial -NoTypeInformation
            Move-Item -LiteralPath $partial -Destination $output -Force
            Write-Host "measured  $($segmentation.FullName): $($rows.Count) segments"
            $measured++
        }
        catch {
            Write-Warning "failed    $($segmentation.FullName): $($_.Exception.Message)"
            $failed++
        }
    }

    Write-Host "done: $measured measured, $upToDate up to date, $failed failed"
}
catch {
    Write-Warning "run aborted: $($_.Exception.Message)"
    $failed++
}
finally {
    Stop-Transcript | Out-Null
}

exit ($failed -gt 0 ? $ExitSomeFailed : $ExitSuccess)
