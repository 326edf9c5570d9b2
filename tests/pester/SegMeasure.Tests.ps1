#Requires -Version 7.4
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
<#
    End-to-end tests of the built SegMeasure module. They need PowerShell 7.4+ and Pester 5 and
    run against the module folder the build assembles:

        dotnet build SegMeasure.PowerShell.sln -c Release
        pwsh -NoProfile -Command "Invoke-Pester tests/pester -Output Detailed"

    Set SEGMEASURE_MODULE to test another copy of the module (a folder or a .psd1).
#>

BeforeAll {
    $repo = (Resolve-Path (Join-Path $PSScriptRoot '..' '..')).Path
    $modulePath = if ($env:SEGMEASURE_MODULE) { $env:SEGMEASURE_MODULE } else { Join-Path $repo 'artifacts' 'SegMeasure' }
    Import-Module $modulePath -Force -ErrorAction Stop

    $examples = Join-Path $repo 'examples' 'data'
    $real = Join-Path $repo 'tests' 'data' 'real'
    $cellsSeg = Join-Path $examples 'membrane-seg.tif'
    $cellsRaw = Join-Path $examples 'membrane.tif'
    $nucleiSeg = Join-Path $examples 'nucleus-seg.tif'
    $nucleiRaw = Join-Path $examples 'nuclei.tif'
    $manifest = Import-PowerShellDataFile (Join-Path $repo 'SegMeasure.psd1')

    # A plate tree: two plates, two wells each, a segmentation and its raw image per well.
    function New-PlateTree([string] $root) {
        foreach ($plate in 'plate01', 'plate02') {
            $dir = New-Item -ItemType Directory -Path (Join-Path $root $plate) -Force
            Copy-Item $cellsSeg (Join-Path $dir 'A01_cells.tif')
            Copy-Item $cellsRaw (Join-Path $dir 'A01_raw.tif')
            Copy-Item $nucleiSeg (Join-Path $dir 'A02_cells.tif')
            Copy-Item $nucleiRaw (Join-Path $dir 'A02_raw.tif')
        }
        $root
    }
}

AfterAll {
    Remove-Module SegMeasure -Force -ErrorAction SilentlyContinue
}

Describe 'The module' {
    It 'exports exactly the cmdlets and aliases its manifest lists' {
        $module = Get-Module SegMeasure
        @($module.ExportedCmdlets.Keys | Sort-Object) | Should -Be @($manifest.CmdletsToExport | Sort-Object)
        @($module.ExportedAliases.Keys | Sort-Object) | Should -Be @($manifest.AliasesToExport | Sort-Object)
    }

    It 'uses approved verbs only' {
        $approved = (Get-Verb).Verb
        Get-Command -Module SegMeasure -CommandType Cmdlet | ForEach-Object { $_.Verb | Should -BeIn $approved }
    }

    It 'resolves every alias to one of its cmdlets' {
        foreach ($alias in $manifest.AliasesToExport) {
            (Get-Alias $alias).ResolvedCommand.Module.Name | Should -Be 'SegMeasure'
        }
        (Get-Alias Train-SegClassifier).ResolvedCommandName | Should -Be 'New-SegClassifier'
    }

    It 'has help with a synopsis, parameter text and an example for <_>' -ForEach @((Import-PowerShellDataFile (Join-Path $PSScriptRoot '..' '..' 'SegMeasure.psd1')).CmdletsToExport) {
        $name = $_
        $help = Get-Help $name -Full
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -Match '^\s*\S+\s+\[' # not the generated syntax stub
        @($help.Examples.Example).Count | Should -BeGreaterThan 0
        $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
        foreach ($p in (Get-Command $name).Parameters.Values | Where-Object Name -notin $common) {
            ($help.parameters.parameter | Where-Object name -eq $p.Name).description.Text | Should -Not -BeNullOrEmpty -Because "-$($p.Name) of $name needs help"
        }
    }

    It 'ships the about topic' {
        Get-Help about_SegMeasure | Out-String | Should -Match 'delay-bind'
    }

    It 'runs side by side in parallel runspaces' {
        $folder = (Get-Module SegMeasure).ModuleBase
        $counts = 1..4 | ForEach-Object -ThrottleLimit 4 -Parallel {
            Import-Module $using:folder
            @(Measure-Morphology -LiteralPath $using:cellsSeg).Count
        }
        $counts | Should -HaveCount 4
        ($counts | Sort-Object -Unique) | Should -HaveCount 1
    }
}

Describe 'Get-SegImageInfo' {
    It 'describes the example images from Get-ChildItem' {
        $info = Get-ChildItem $examples -Filter *.tif | Get-SegImageInfo
        $info | Should -HaveCount 4
        $info[0].PSObject.TypeNames[0] | Should -Be 'SegMeasure.ImageInfo'
        ($info | Where-Object { $_.Path -like '*nucleus-seg.tif' }).Labels | Should -Be 24
        ($info | Where-Object { $_.Path -like '*membrane-seg.tif' }).Labels | Should -Be 38
    }

    It 'shows the file name in its default view' {
        Get-SegImageInfo $nucleiSeg | Out-String | Should -Match 'nucleus-seg\.tif'
    }
}

Describe 'Measurement sweeps' {
    It 'pipes Get-ChildItem into Measure-Morphology, one object per segment with Path' {
        $rows = Get-ChildItem $examples -Filter *-seg.tif | Measure-Morphology
        $rows | Should -HaveCount (24 + 38)
        $rows[0].PSObject.TypeNames[0] | Should -Be 'SegMeasure.Morphology'
        $rows | ForEach-Object { $_.Path | Should -Exist }
        @($rows | Where-Object area -gt 50).Count | Should -BeGreaterThan 0
    }

    It 'exports every column with Export-Csv, whatever the view shows' {
        $csv = Join-Path $TestDrive 'morphology.csv'
        Measure-Morphology $cellsSeg | Export-Csv $csv -NoTypeInformation
        $header = (Get-Content $csv -First 1) -replace '"', '' -split ','
        $header | Should -Be @('index', 'area', 'perimeter', 'sphericity', 'solidity', 'axis_major_length', 'axis_minor_length', 'equivalent_diameter', 'Path')
    }

    It 'pairs intensity images with a delay-bind script block' {
        $root = New-PlateTree (Join-Path $TestDrive 'plates')
        $rows = Get-ChildItem $root -Recurse -Filter *_cells.tif |
            Measure-Intensity -IntensityPath { $_.FullName -replace '_cells', '_raw' }
        $rows | Should -HaveCount (2 * (38 + 24))
        $rows | ForEach-Object { $_.IntensityPath | Should -Be ($_.Path -replace '_cells', '_raw') }
        $rows[0].PSObject.TypeNames[0] | Should -Be 'SegMeasure.Intensity'
    }

    It 'measures cells with their nuclei' {
        $rows = Measure-CellNucleus $cellsSeg -NucleusPath $nucleiSeg -IntensityPath $cellsRaw
        $rows | Should -HaveCount 38
        $rows[0].PSObject.Properties.Name | Should -Contain 'n_nuclei'
        $rows[0].PSObject.Properties.Name | Should -Contain 'mean_intensity_ratio'
        $rows[0].NucleusPath | Should -Be $nucleiSeg
    }

    It 'measures 3-D stacks' {
        $rows = Measure-Morphology (Join-Path $real 'stardist' 'synthetic_mask3d.tif')
        $rows[0].PSObject.Properties.Name | Should -Contain 'volume'
        $rows[0].PSObject.Properties.Name | Should -Contain 'surface_area'
    }

    It 'takes -LiteralPath with wildcard characters in the name' {
        $odd = Join-Path $TestDrive 'well[1].tif'
        Copy-Item -LiteralPath $cellsSeg -Destination $odd
        (Get-Item -LiteralPath $odd | Measure-Morphology) | Should -HaveCount 38
        (Measure-Morphology -LiteralPath $odd) | Should -HaveCount 38
    }

    It 'expands wildcards in -Path' {
        (Measure-Morphology -Path (Join-Path $examples '*-seg.tif')) | Should -HaveCount (24 + 38)
    }
}

Describe 'Errors' {
    BeforeAll {
        $bad = Join-Path $TestDrive 'bad'
        New-Item -ItemType Directory $bad | Out-Null
        Copy-Item $cellsSeg (Join-Path $bad 'a_cells.tif')
        Set-Content (Join-Path $bad 'b_cells.tif') 'this is not a TIFF file'
        Copy-Item $nucleiSeg (Join-Path $bad 'c_cells.tif')
    }

    It 'reports a corrupt file as one non-terminating error and measures the rest' {
        $rows = Get-ChildItem $bad -Filter *.tif | Measure-Morphology -ErrorVariable errors -ErrorAction SilentlyContinue
        $rows | Should -HaveCount (38 + 24)
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'SegMeasure.Tiff*'
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $errors[0].TargetObject | Should -BeLike '*b_cells.tif'
    }

    It 'stops on a corrupt file with -ErrorAction Stop' {
        { Measure-Morphology (Join-Path $bad 'b_cells.tif') -ErrorAction Stop } | Should -Throw -ErrorId 'SegMeasure.Tiff*'
    }

    It 'names both shapes when label and intensity images differ' {
        $other = Join-Path $real 'stardist' 'synthetic_img3d.tif'
        Measure-Intensity $cellsSeg -IntensityPath $other -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'SegMeasure.ShapeMismatch*'
    }

    It 'reports a missing file' {
        Measure-Morphology -LiteralPath (Join-Path $TestDrive 'missing.tif') -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'reports a folder piped without -File' {
        Get-Item $bad | Measure-Morphology -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'SegMeasure.NotAFile*'
    }
}

Describe 'Writers' {
    BeforeEach {
        $work = Join-Path $TestDrive ([guid]::NewGuid())
        New-Item -ItemType Directory $work | Out-Null
        $source = Join-Path $work 'x_cells.tif'
        Copy-Item $cellsSeg $source
    }

    It 'writes nothing with -WhatIf' {
        Remove-SmallSegment $source -MinSize 50 -WhatIf
        Get-ChildItem $work | Should -HaveCount 1
    }

    It 'writes beside the input with the suffix and reports before/after counts' {
        $result = Remove-SmallSegment $source -MinSize 1000000 -Suffix _clean
        Join-Path $work 'x_cells_clean.tif' | Should -Exist
        (Get-SegImageInfo (Join-Path $work 'x_cells_clean.tif')).Labels | Should -Be 0
        $result | Should -Not -BeNullOrEmpty
    }

    It 'refuses to overwrite without -Force, and overwrites with it' {
        Remove-SmallSegment $source -MinSize 10 -Suffix _clean | Out-Null
        Remove-SmallSegment $source -MinSize 10 -Suffix _clean -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'SegMeasure.OutputExists*'
        { Remove-SmallSegment $source -MinSize 10 -Suffix _clean -Force -ErrorAction Stop } | Should -Not -Throw
    }

    It 'writes every post-processing result once per input (<Command>)' -ForEach @(
        @{ Command = 'Remove-SmallHole'; Arguments = @{ MaxHoleSize = 20 } }
        @{ Command = 'Invoke-RingMask'; Arguments = @{ RingWidth = 3 } }
    ) {
        & $Command $source @Arguments -OutputPath (Join-Path $work 'out.tif') | Out-Null
        Join-Path $work 'out.tif' | Should -Exist
    }

    It 'never changes its input' {
        $before = (Get-FileHash $source).Hash
        Remove-SmallHole $source -MaxHoleSize 100 -Suffix _filled | Out-Null
        (Get-FileHash $source).Hash | Should -Be $before
    }
}

Describe 'Tables' {
    It 'round-trips objects through Export-SegTable and Import-SegTable (<_>)' -ForEach 'csv', 'tsv', 'xlsx' {
        $file = Join-Path $TestDrive "table.$_"
        $rows = Measure-Morphology $nucleiSeg
        $rows | Export-SegTable $file
        $back = Import-SegTable $file
        $back | Should -HaveCount $rows.Count
        $back[0].area | Should -Be $rows[0].area
        $back[0].index | Should -BeOfType [long]
    }

    It 'refuses to overwrite a table without -Force' {
        $file = Join-Path $TestDrive 'once.csv'
        Measure-Morphology $nucleiSeg | Export-SegTable $file
        { Measure-Morphology $nucleiSeg | Export-SegTable $file -ErrorAction Stop } | Should -Throw
        { Measure-Morphology $nucleiSeg | Export-SegTable $file -Force -ErrorAction Stop } | Should -Not -Throw
    }

    It 'merges tables on index' {
        $a = Join-Path $TestDrive 'm.csv'; $b = Join-Path $TestDrive 'i.csv'
        Measure-Morphology $cellsSeg | Select-Object * -ExcludeProperty Path | Export-SegTable $a
        Measure-Intensity $cellsSeg -IntensityPath $cellsRaw | Select-Object * -ExcludeProperty Path, IntensityPath | Export-SegTable $b
        $merged = Merge-SegTable $a, $b
        $merged | Should -HaveCount 38
        $merged[0].PSObject.Properties.Name | Should -Contain 'area'
        $merged[0].PSObject.Properties.Name | Should -Contain 'mean_intensity'
    }
}

Describe 'Analysis' {
    BeforeAll {
        $measured = Measure-Morphology $cellsSeg
        $csv = Join-Path $TestDrive 'cells.csv'
        $measured | Export-Csv $csv -NoTypeInformation
    }

    It 'adds cluster_id to measure objects and Import-Csv rows alike' {
        ($measured | Invoke-Clustering kmeans -Clusters 3).cluster_id | Sort-Object -Unique | Should -Be @(1, 2, 3)
        (Import-Csv $csv | Invoke-Clustering kmeans -Clusters 3) | Should -HaveCount 38
    }

    It 'paints clusters back beside each source segmentation, and not with -WhatIf' {
        $dir = New-Item -ItemType Directory (Join-Path $TestDrive 'paint')
        Copy-Item $cellsSeg (Join-Path $dir 'w1_cells.tif')
        Copy-Item $nucleiSeg (Join-Path $dir 'w2_cells.tif')
        $rows = Get-ChildItem $dir -Filter *_cells.tif | Measure-Morphology
        $rows | Invoke-Clustering -Clusters 2 -PaintSuffix _clusters -WhatIf | Out-Null
        Get-ChildItem $dir -Filter *_clusters.tif | Should -HaveCount 0
        $rows | Invoke-Clustering -Clusters 2 -PaintSuffix _clusters | Out-Null
        Get-ChildItem $dir -Filter *_clusters.tif | Should -HaveCount 2
        (Get-SegImageInfo (Join-Path $dir 'w1_cells_clusters.tif')).Labels | Should -BeLessOrEqual 2
    }

    It 'categorises by thresholds' {
        $rows = $measured | Group-ObjectByThreshold area 2 -Threshold 100 -CategoryName small, large
        $rows | ForEach-Object { $_.category_name | Should -Be ($_.area -lt 100 ? 'small' : 'large') }
    }

    It 'trains through the Train-SegClassifier alias and classifies' {
        $annotated = $measured | ForEach-Object {
            $_ | Select-Object *, @{ n = 'annotation'; e = { if ($_.area -gt 400) { 2 } elseif ($_.area -lt 150) { 1 } else { 0 } } }
        }
        $model = Join-Path $TestDrive 'model.json'
        $annotated | Train-SegClassifier -OutFile $model | Should -Not -BeNullOrEmpty
        $model | Should -Exist
        $classified = $measured | Invoke-SegClassifier -ModelPath $model
        $classified | Should -HaveCount 38
        $classified.classification_id | ForEach-Object { $_ | Should -BeIn @(1, 2) }
    }
}

Describe 'Examples' {
    It 'Sweep-Plates writes one combined CSV' {
        $root = New-PlateTree (Join-Path $TestDrive 'sweep')
        $out = Join-Path $TestDrive 'plates.csv'
        & (Join-Path $repo 'examples' 'Sweep-Plates.ps1') -Root $root -OutFile $out 6>$null
        $rows = Import-Csv $out
        $rows | Should -HaveCount (2 * (38 + 24))
        $rows[0].PSObject.Properties.Name | Should -Contain 'Plate'
        $rows[0].PSObject.Properties.Name | Should -Contain 'mean_intensity'
        $rows[0].PSObject.Properties.Name | Should -Contain 'area'
    }

    It 'Scheduled-Measurement measures, then skips up-to-date inputs, and signals failures by exit code' {
        $root = New-PlateTree (Join-Path $TestDrive 'scheduled')
        $script = Join-Path $repo 'examples' 'Scheduled-Measurement.ps1'
        $module = (Get-Module SegMeasure).ModuleBase

        pwsh -NoProfile -NonInteractive -File $script -Root $root -ModulePath $module | Out-Null
        $LASTEXITCODE | Should -Be 0
        Get-ChildItem $root -Recurse -Filter *.measurements.csv | Should -HaveCount 4
        Get-ChildItem (Join-Path $root 'logs') -Filter *.log | Should -HaveCount 1

        $stamp = (Get-Item (Join-Path $root 'plate01' 'A01_cells.measurements.csv')).LastWriteTimeUtc
        $log = pwsh -NoProfile -NonInteractive -File $script -Root $root -ModulePath $module
        $LASTEXITCODE | Should -Be 0
        ($log -join "`n") | Should -Match '0 measured, 4 up to date'
        (Get-Item (Join-Path $root 'plate01' 'A01_cells.measurements.csv')).LastWriteTimeUtc | Should -Be $stamp

        Set-Content (Join-Path $root 'plate02' 'Z99_cells.tif') 'not a TIFF'
        pwsh -NoProfile -NonInteractive -File $script -Root $root -ModulePath $module | Out-Null
        $LASTEXITCODE | Should -Be 1

        pwsh -NoProfile -NonInteractive -File $script -Root (Join-Path $TestDrive 'nowhere') -ModulePath $module 2>$null | Out-Null
        $LASTEXITCODE | Should -Be 2
    }

    It 'Cluster-And-Classify runs on the example data' {
        $out = Join-Path $TestDrive 'walkthrough'
        & (Join-Path $repo 'examples' 'Cluster-And-Classify.ps1') -OutputDirectory $out | Out-Null
        Join-Path $out 'classifier.json' | Should -Exist
        Join-Path $out 'classified.xlsx' | Should -Exist
    }
}
