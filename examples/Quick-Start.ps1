#Requires -Version 7.6
<#
.SYNOPSIS
    A first folder sweep: measures the shape of every segment in the bundled example data.
.DESCRIPTION
    What a facility script does, on the example images in examples/data: every segmentation
    below a folder is measured, the segments larger than -MinArea are kept, and all rows go
    to one CSV with the file each came from. From a fresh clone, with only the .NET SDK:

        dotnet tool restore && dotnet pwsh -File examples/Quick-Start.ps1

    The first run builds the module (artifacts/SegMeasure). A new output file is named after
    the time of the run, so nothing is ever overwritten.
.EXAMPLE
    ./Quick-Start.ps1 -Root /data/plate1 -Filter *_cells.tif -MinArea 200
#>
[CmdletBinding()]
param(
    # Folder searched recursively for segmentations.
    [string] $Root = (Join-Path $PSScriptRoot 'data'),

    # Segmentation file names.
    [string] $Filter = '*-seg.tif',

    # Segments with a smaller area (pixels, or the files' physical units) are left out.
    [double] $MinArea = 50,

    # The table to write; by default a new file in examples/output.
    [string] $OutFile = (Join-Path $PSScriptRoot 'output' ("morphology-{0:yyyyMMdd-HHmmss}.csv" -f (Get-Date)))
)

$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'Import-SegMeasure.ps1')

if (Test-Path -LiteralPath $OutFile) { throw "$OutFile exists: choose another -OutFile" }
Get-ChildItem -LiteralPath $Root -Recurse -File -Filter $Filter |
    Measure-Morphology |
    Where-Object area -gt $MinArea |
    Export-Csv -LiteralPath $OutFile -NoTypeInformation

$rows = Import-Csv -LiteralPath $OutFile
$files = @($rows | Select-Object -ExpandProperty Path -Unique).Count
Write-Host "$(@($rows).Count) segments larger than $MinArea from $files files -> $((Resolve-Path -LiteralPath $OutFile).Path)"
