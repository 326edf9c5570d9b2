#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Invoke-SegSegmentation as users run it: raw images in, masks that pipe into Measure-*, logs,
# the spec's names, and refusals that write nothing.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $Nuclei = Join-Path $Real 'stardist' 'dsb2018_img2d.tif'
}

Describe 'Invoke-SegSegmentation' {
    BeforeEach {
        $work = New-WorkFolder
        Copy-Item $Nuclei (Join-Path $work 'a_BF.tif')
        Copy-Item $Nuclei (Join-Path $work 'b_BF.tif')
    }

    It 'segments piped files and the masks pipe straight into Measure-Morphology' {
        Push-Location $work
        try {
            $rows = Get-ChildItem *.tif | Invoke-SegSegmentation -Method Classical | Measure-Morphology
        }
        finally { Pop-Location }
        Join-Path $work 'a_BF_vSM.ome.tif' | Should -Exist
        Join-Path $work 'b_BF_vSM.log' | Should -Exist
        $rows.Count | Should -BeGreaterThan 100
        ($rows.Path | Sort-Object -Unique) | Should -Be @((Join-Path $work 'a_BF_vSM.ome.tif'), (Join-Path $work 'b_BF_vSM.ome.tif'))
    }

    It 'emits the mask as Path, the log, objects per frame and seconds' {
        $result = Invoke-SegSegmentation (Join-Path $work 'a_BF.tif') -Suffix run-1 -Diameter 12
        $result.PSObject.TypeNames[0] | Should -Be 'SegMeasure.SegmentationResult'
        $result.Path | Should -Be (Join-Path $work 'a_BF_vSM-run-1.ome.tif')
        $result.LogPath | Should -Be (Join-Path $work 'a_BF_vSM-run-1.log')
        $result.ObjectsPerFrame[0] | Should -Be (Get-SegImageInfo $result.Path).Labels
        Get-Content $result.LogPath | Should -Contain 'method: classical'
    }

    It 'refuses two inputs that map to one output before writing anything' {
        $other = New-Item -ItemType Directory (Join-Path $work 'other')
        $out = New-Item -ItemType Directory (Join-Path $work 'out')
        Copy-Item $Nuclei (Join-Path $other 'a_BF.tif')
        { Invoke-SegSegmentation (Join-Path $work 'a_BF.tif'), (Join-Path $other 'a_BF.tif') -OutputDirectory $out -ErrorAction Stop } |
            Should -Throw '*would both write*'
        Get-ChildItem $out | Should -BeNullOrEmpty
    }

    It 'never overwrites without -Force and writes nothing with -WhatIf' {
        Invoke-SegSegmentation (Join-Path $work 'a_BF.tif') -WhatIf | Should -BeNullOrEmpty
        Join-Path $work 'a_BF_vSM.ome.tif' | Should -Not -Exist
        Invoke-SegSegmentation (Join-Path $work 'a_BF.tif') | Out-Null
        { Invoke-SegSegmentation (Join-Path $work 'a_BF.tif') -ErrorAction Stop } | Should -Throw '*a_BF_vSM*'
        (Invoke-SegSegmentation (Join-Path $work 'a_BF.tif') -Force).Path | Should -Exist
    }

    It 'refuses MicroSam naming what is missing, and a bad suffix' {
        { Invoke-SegSegmentation (Join-Path $work 'a_BF.tif') -Method MicroSam -ErrorAction Stop } | Should -Throw '*micro_sam*'
        { Invoke-SegSegmentation (Join-Path $work 'a_BF.tif') -Suffix 'a b' } | Should -Throw
        Get-ChildItem $work -Filter '*_vSM*' | Should -BeNullOrEmpty
    }
}
