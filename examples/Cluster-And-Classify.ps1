#Requires -Version 7.6
<#
.SYNOPSIS
    Walk-through: measure segments, cluster them, annotate a few, train a classifier, classify a new sweep.

.DESCRIPTION
    Runs on the example data shipped with SegMeasure (examples/data): a field of cells with its
    cell and nucleus segmentations. Each step prints what it produced; read the script top to
    bottom as a tutorial. Outputs go to -OutputDirectory.

.EXAMPLE
    ./Cluster-And-Classify.ps1 -OutputDirectory ./walkthrough
#>
[CmdletBinding()]
param(
    # Folder with membrane-seg.tif, membrane.tif, nucleus-seg.tif (the example data).
    [string] $DataDirectory = (Join-Path $PSScriptRoot 'data'),

    # Where tables and the model are written.
    [string] $OutputDirectory = (Join-Path ([IO.Path]::GetTempPath()) 'segmeasure-walkthrough')
)

$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'Import-SegMeasure.ps1')
New-Item -ItemType Directory -Path $OutputDirectory -Force | Out-Null
$cells = Join-Path $DataDirectory 'membrane-seg.tif'
$raw = Join-Path $DataDirectory 'membrane.tif'
$nuclei = Join-Path $DataDirectory 'nucleus-seg.tif'

# 1. Measure. One object per cell: shape, then intensity and the nucleus relation joined on index.
#    Every object keeps the spec's column names, so the features below are the Python tool's.
$intensity = @{}; Measure-Intensity $cells -IntensityPath $raw | ForEach-Object { $intensity[$_.index] = $_ }
$nucleus = @{}; Measure-CellNucleus $cells -NucleusPath $nuclei | ForEach-Object { $nucleus[$_.index] = $_ }
$measurements = Measure-Morphology $cells | ForEach-Object {
    $row = $_
    foreach ($extra in $intensity[$row.index], $nucleus[$row.index]) {
        if ($null -eq $extra) { continue }
        foreach ($p in $extra.PSObject.Properties) {
            if (-not $row.PSObject.Properties[$p.Name]) { $row | Add-Member -NotePropertyName $p.Name -NotePropertyValue $p.Value }
        }
    }
    $row
}
"1. measured $(@($measurements).Count) cells"
$measurements | Export-SegTable (Join-Path $OutputDirectory 'cells.csv') -Force

# 2. Explore without labels: k-means on all numeric columns (z-scored inside), three groups.
#    Objects come back with cluster_id added; everything else is untouched.
$clustered = $measurements | Invoke-Clustering kmeans -Clusters 3
"2. clusters:"
$clustered | Group-Object cluster_id | Sort-Object Name | Format-Table Name, Count -AutoSize | Out-String

# 3. Thresholds are the simplest grouping: split by area into three named size classes.
$sized = $clustered | Group-ObjectByThreshold area 3 -CategoryName small, medium, large
"3. size classes:"
$sized | Group-Object category_name | Format-Table Name, Count -AutoSize | Out-String

# 4. Annotate. In practice an expert marks examples (e.g. in a spreadsheet, or in the viewer);
#    here the clearly largest and smallest cells stand in for two annotated classes.
#    0 means "not annotated" and is not used for training.
$bySize = $sized | Sort-Object area
$large = ($bySize | Select-Object -Last 5).index
$small = ($bySize | Select-Object -First 5).index
$annotated = $sized | ForEach-Object {
    $annotation = if ($_.index -in $large) { 2 } elseif ($_.index -in $small) { 1 } else { 0 }
    $_ | Add-Member -NotePropertyName annotation -NotePropertyValue $annotation -Force -PassThru
}
$annotated | Export-Csv (Join-Path $OutputDirectory 'annotated.csv') -NoTypeInformation
"4. annotated $(@($annotated | Where-Object annotation -gt 0).Count) cells"

# 5. Train. Train-SegClassifier is the design's name for New-SegClassifier. The model is saved as
#    JSON with the feature columns it expects; it never holds executable code.
$model = Join-Path $OutputDirectory 'classifier.json'
Import-Csv (Join-Path $OutputDirectory 'annotated.csv') | Train-SegClassifier -OutFile $model -Force | Out-Null
"5. model written to $model"

# 6. Classify. Any table with the same feature columns works: a new sweep, or a saved CSV.
$classified = Import-Csv (Join-Path $OutputDirectory 'cells.csv') | Invoke-SegClassifier -ModelPath $model -ClassNames small, large
"6. classes:"
$classified | Group-Object classification_name | Format-Table Name, Count -AutoSize | Out-String
$classified | Export-SegTable (Join-Path $OutputDirectory 'classified.xlsx') -Force
"   table written to $(Join-Path $OutputDirectory 'classified.xlsx')"
