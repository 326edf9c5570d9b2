#Requires -Version 7.6
<#
.SYNOPSIS
    Measures every well of every plate below a folder into one combined CSV.

.DESCRIPTION
    Expects one folder per plate holding, per well or field, a segmentation and its raw
    intensity image that differ only by a suffix:

        Root/plate01/A01_cells.tif   A01_raw.tif
        Root/plate01/A02_cells.tif   A02_raw.tif
        Root/plate02/...

    For each segmentation it measures morphology and intensity (the intensity image is paired
    by a delay-bind script block), joins the two per segment, adds Plate and Well columns, and
    writes all rows of all plates to one CSV. A file that cannot be read is reported and skipped;
    the script ends with a summary of the failures.

.EXAMPLE
    ./Sweep-Plates.ps1 -Root D:\screen -OutFile screen.csv

.EXAMPLE
    ./Sweep-Plates.ps1 -Root /data/screen -SegmentationSuffix _nuclei -IntensitySuffix _dapi -Scale 0.65 -OutFile nuclei.csv
#>
[CmdletBinding()]
param(
    # Folder holding one subfolder per plate (searched recursively).
    [Parameter(Mandatory)]
    [string] $Root,

    # Combined table to write; .csv, or .tsv/.xlsx through Export-SegTable.
    [string] $OutFile = 'plates.csv',

    # Ending of segmentation file names, before the extension.
    [string] $SegmentationSuffix = '_cells',

    # Ending of the paired intensity images, replacing SegmentationSuffix.
    [string] $IntensitySuffix = '_raw',

    # Physical pixel size overriding the files' calibration: one value, or (Y, X) / (Z, Y, X).
    [double[]] $Scale,

    # Replace OutFile if it exists.
    [switch] $Force
)

$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'Import-SegMeasure.ps1')

$segmentations = Get-ChildItem -LiteralPath $Root -Recurse -File -Filter "*$SegmentationSuffix.tif*"
if (-not $segmentations) { throw "no '*$SegmentationSuffix.tif' files below $Root" }
Write-Verbose "$($segmentations.Count) segmentations below $Root"

# The suffix just before the extension: .../A01_cells.tif -> .../A01_raw.tif.
$pattern = [regex]::Escape($SegmentationSuffix) + '(?=\.tiff?$)'

$morphologyArgs = @{}
if ($Scale) { $morphologyArgs.Scale = $Scale }

# Morphology per segment, keyed by file and label id for the join below.
$shape = @{}
$segmentations |
    Measure-Morphology @morphologyArgs -ErrorAction Continue -ErrorVariable +failed |
    ForEach-Object { $shape["$($_.Path)|$($_.index)"] = $_ }

# Intensity per segment, joined with its morphology: one row per segment with both.
$rows = $segmentations |
    # A delay-bind script block: evaluated for each piped file ($_), it names that file's intensity image.
    Measure-Intensity -IntensityPath { $_.FullName -replace $pattern, $IntensitySuffix } -ErrorAction Continue -ErrorVariable +failed |
    ForEach-Object {
        $row = [ordered]@{
            Plate = Split-Path (Split-Path $_.Path -Parent) -Leaf
            Well  = (Split-Path $_.Path -LeafBase) -replace ([regex]::Escape($SegmentationSuffix) + '$'), ''
        }
        foreach ($p in $_.PSObject.Properties) { $row[$p.Name] = $p.Value }
        $morphology = $shape["$($_.Path)|$($_.index)"]
        if ($morphology) {
            foreach ($p in $morphology.PSObject.Properties) {
                if (-not $row.Contains($p.Name)) { $row[$p.Name] = $p.Value }
            }
        }
        [pscustomobject]$row
    }

if ($OutFile -match '\.(tsv|xlsx)$') {
    $rows | Export-SegTable -Path $OutFile -Force:$Force
}
else {
    if ((Test-Path -LiteralPath $OutFile) -and -not $Force) { throw "$OutFile exists (use -Force to replace it)" }
    $rows | Export-Csv -LiteralPath $OutFile -NoTypeInformation
}

$wells = @($rows | Select-Object -ExpandProperty Path -Unique).Count
Write-Host "$(@($rows).Count) segments from $wells images written to $OutFile"
if ($failed) {
    Write-Warning "$($failed.Count) inputs failed:"
    $failed | ForEach-Object { Write-Warning "  $($_.TargetObject): $($_.Exception.Message)" }
}
