#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Colocalization in pipelines: per-region rows, objects, diagnostics, on the example cells
# (membrane and nuclei channels of one field, cells as regions).

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $columns = 'region', 'slice', 'channel_a', 'channel_b', 'n_pixels', 'pcc', 'pcc_pvalue', 'srcc', 'srcc_pvalue', 'icq', 'overlap', 'k1', 'k2', 'm1', 'm2', 'threshold_a', 'threshold_b'
}

Describe 'Measure-Colocalization' {
    BeforeAll {
        $rows = Measure-Colocalization $CellsRaw -ImageBPath $NucleiRaw -SegmentationPath $CellsSeg -ChannelName membrane, dapi -WarningVariable warnings -WarningAction SilentlyContinue
    }

    It 'gives one row per cell with the specified columns, then the paths' {
        $rows | Should -HaveCount 38
        $rows[0].PSObject.TypeNames[0] | Should -Be 'SegMeasure.Colocalization'
        @($rows[0].PSObject.Properties.Name) | Should -Be (@($columns) + 'Path', 'ImageBPath', 'SegmentationPath')
        $rows[0].channel_a | Should -Be 'membrane'
        $rows[0].channel_b | Should -Be 'dapi'
        ($rows | Measure-Object n_pixels -Sum).Sum | Should -Be ((Measure-Morphology $CellsSeg | Measure-Object area -Sum).Sum)
    }

    It 'reports regions it cannot measure as warnings naming the file and region, not errors' {
        $warnings.Count | Should -BeGreaterThan 0
        $warnings[0].Message | Should -Match 'membrane\.tif: region \d+'
        $single = $rows | Where-Object n_pixels -lt 2
        $single | ForEach-Object { [double]::IsNaN($_.pcc) | Should -BeTrue }
    }

    It 'filters, sorts and exports like any measurement' {
        $csv = Join-Path (New-WorkFolder) 'coloc.csv'
        $rows | Where-Object n_pixels -ge 2 | Sort-Object pcc | Export-Csv $csv -NoTypeInformation
        $back = Import-Csv $csv
        [double]$back[0].pcc | Should -BeLessOrEqual ([double]$back[-1].pcc)
        $back[0].PSObject.Properties.Name | Should -Contain 'icq'
    }

    It 'takes manual thresholds and fills the Manders coefficients' {
        $manual = Measure-Colocalization $CellsRaw -ImageBPath $NucleiRaw -SegmentationPath $CellsSeg -ThresholdMethod Manual -ThresholdA 1000 -ThresholdB 1000 -WarningAction SilentlyContinue
        ($manual | Where-Object n_pixels -gt 100)[0].threshold_a | Should -Be 1000
        ($manual | Where-Object { -not [double]::IsNaN($_.m1) }).Count | Should -BeGreaterThan 0
    }

    It 'refuses manual thresholds that are missing' {
        { Measure-Colocalization $CellsRaw -ImageBPath $NucleiRaw -ThresholdMethod Manual -ErrorAction Stop } | Should -Throw
    }
}

Describe 'Object and diagnostic colocalization' {
    It 'lists thresholded objects of both channels with nearest-neighbour distances' {
        $objects = Measure-SegObjectColocalization $CellsRaw -ImageBPath $NucleiRaw -MinSize 20
        $objects.channel | Sort-Object -Unique | Should -Be 'A', 'B'
        $objects | ForEach-Object { $_.n_pixels | Should -BeGreaterOrEqual 20 }
    }

    It 'gives the cross-correlation curve over the shifts, with its peak' {
        $curve = Measure-SegCrossCorrelation $CellsRaw -ImageBPath $NucleiRaw -MaxShift 4
        $curve.shift | Should -Be (-4..4)
        $best = $curve | Sort-Object pcc -Descending | Select-Object -First 1
        $curve[0].peak_shift | Should -Be $best.shift
    }

    It 'tests the observed correlation against randomised blocks, reproducibly with -Seed' {
        $a = Test-SegColocalization $CellsRaw -ImageBPath $NucleiRaw -Iterations 30 -Seed 7
        $b = Test-SegColocalization $CellsRaw -ImageBPath $NucleiRaw -Iterations 30 -Seed 7
        $a.Null | Should -HaveCount 30
        $a.Null | Should -Be $b.Null
        $a.PValue | Should -BeGreaterOrEqual 0
        $a.PValue | Should -BeLessOrEqual 1
    }

    It 'gives the intensity correlation points of every pixel' {
        $points = Measure-SegIntensityCorrelation $CellsRaw -ImageBPath $NucleiRaw
        $points | Should -HaveCount (256 * 256)
        [math]::Abs($points[0].icq) | Should -BeLessOrEqual 0.5
    }
}
