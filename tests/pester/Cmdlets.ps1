<#
    The file cmdlets with a call that works on the example data, for tests that every one of them
    must pass. Dot-sourced in BeforeDiscovery, for -ForEach. Source is the
    image each is called on (a segmentation, or channel A for colocalization); Paired names the parameter that takes a second image of the
    same shape, for delay-bind pairing and shape checks; OutputsPerInput counts the files a writer
    makes per input (a nucleus and a cytosol mask for mask matching).
#>
$Examples = Join-Path $PSScriptRoot '..' '..' 'examples' 'data'
$cellsSeg = Join-Path $Examples 'membrane-seg.tif'
$nucleiSeg = Join-Path $Examples 'nucleus-seg.tif'
$cellsRaw = Join-Path $Examples 'membrane.tif'
$nucleiRaw = Join-Path $Examples 'nuclei.tif'
$FileCmdlets = @(
    @{ Name = 'Get-SegImageInfo'; Source = $cellsSeg; Arguments = @{} }
    @{ Name = 'Measure-Morphology'; Source = $cellsSeg; Arguments = @{} }
    @{ Name = 'Measure-Intensity'; Source = $cellsSeg; Arguments = @{ IntensityPath = (Join-Path $Examples 'membrane.tif') }; Paired = 'IntensityPath' }
    @{ Name = 'Measure-CellNucleus'; Source = $cellsSeg; Arguments = @{ NucleusPath = $nucleiSeg }; Paired = 'NucleusPath' }
    @{ Name = 'Remove-SmallSegment'; Source = $cellsSeg; Arguments = @{ MinSize = 50 }; Writes = $true }
    @{ Name = 'Remove-SmallHole'; Source = $cellsSeg; Arguments = @{ MaxHoleSize = 20 }; Writes = $true }
    @{ Name = 'Invoke-RingMask'; Source = $nucleiSeg; Arguments = @{ RingWidth = 3 }; Writes = $true }
    @{ Name = 'Invoke-Watershed'; Source = $nucleiSeg; Arguments = @{ HeatmapPath = (Join-Path $Examples 'nuclei.tif') }; Paired = 'HeatmapPath'; Writes = $true }
    @{ Name = 'Invoke-ShapeFilter'; Source = $cellsSeg; Arguments = @{ MaxEccentricity = 0.9 }; Writes = $true }
    @{ Name = 'Measure-Colocalization'; Source = $cellsRaw; Arguments = @{ ImageBPath = $nucleiRaw; SegmentationPath = $cellsSeg }; Paired = 'ImageBPath' }
    @{ Name = 'Measure-SegObjectColocalization'; Source = $cellsRaw; Arguments = @{ ImageBPath = $nucleiRaw }; Paired = 'ImageBPath' }
    @{ Name = 'Measure-SegCrossCorrelation'; Source = $cellsRaw; Arguments = @{ ImageBPath = $nucleiRaw; MaxShift = 5 }; Paired = 'ImageBPath' }
    @{ Name = 'Measure-SegIntensityCorrelation'; Source = $cellsRaw; Arguments = @{ ImageBPath = $nucleiRaw }; Paired = 'ImageBPath' }
    @{ Name = 'Test-SegColocalization'; Source = $cellsRaw; Arguments = @{ ImageBPath = $nucleiRaw; Iterations = 20; Seed = 1 }; Paired = 'ImageBPath' }
    @{ Name = 'Invoke-MaskMatching'; Source = $nucleiSeg; Arguments = @{ CytosolPath = $cellsSeg }; Paired = 'CytosolPath'; Writes = $true; OutputsPerInput = 2 }
)
$PairedCmdlets = $FileCmdlets | Where-Object Paired
$WriterCmdlets = $FileCmdlets | Where-Object Writes
