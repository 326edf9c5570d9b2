#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Invoke-SegSegmentation as users run it: raw images in, masks that pipe into Measure-*, logs,
# the spec's names, and refusals that write nothing.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $Nuclei = Join-Path $Real 'stardist' 'dsb2018_img2d.tif'
    $Models = Join-Path $Repository 'tests' 'reference' 'segmentation' 'cases'
    $TinyModel = Join-Path $Models 'cellpose_tiny.onnx'
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

    It 'hands each record on as its file finishes, so Select-Object -First 1 stops the rest' {
        foreach ($i in 1..6) { Copy-Item $Nuclei (Join-Path $work "c$($i)_BF.tif") }
        $first = Get-ChildItem (Join-Path $work '*.tif') | Sort-Object Name |
            Invoke-SegSegmentation -ThrottleLimit 1 | Select-Object -First 1
        $first.Path | Should -Exist
        # Emitted at the end of the batch, all eight masks would exist before the first record;
        # and nothing goes on in the background once the pipeline has stopped.
        $written = @(Get-ChildItem (Join-Path $work '*_vSM.ome.tif')).Count
        $written | Should -BeLessThan 8
        Start-Sleep -Seconds 2
        @(Get-ChildItem (Join-Path $work '*_vSM.ome.tif')).Count | Should -Be $written
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

Describe 'Invoke-SegSegmentation -Method Cellpose' {
    BeforeEach {
        $work = New-WorkFolder
        Copy-Item (Join-Path $Real 'segmentation-measurement-tool' 'nuclei.tif') (Join-Path $work 'a_BF.tif')
    }

    It 'runs an ONNX Cellpose network, logs the model and its hash, and saves flows' {
        $result = Invoke-SegSegmentation (Join-Path $work 'a_BF.tif') -Method Cellpose -ModelPath $TinyModel -CellprobThreshold -3 -FlowThreshold 0 -SaveFlows
        $result.Path | Should -Be (Join-Path $work 'a_BF_vSM.ome.tif')
        $log = Get-Content $result.LogPath
        $log | Should -Contain 'method: cellpose'
        $log | Should -Contain "model: $TinyModel"
        $log | Should -Contain ('model_sha256: ' + (Get-FileHash $TinyModel -Algorithm SHA256).Hash.ToLowerInvariant())
        $flowsInfo = Get-SegImageInfo (Join-Path $work 'a_BF_vSM_flows.tif')
        $flowsInfo.Axes | Should -Be 'CYX'
        $flowsInfo.DType | Should -Be 'float32'
    }

    It 'recomputes masks from saved flows without the network (the Flows parameter set)' {
        $direct = Invoke-SegSegmentation (Join-Path $work 'a_BF.tif') -Method Cellpose -ModelPath $TinyModel -CellprobThreshold -3 -FlowThreshold 0 -SaveFlows
        $flows = Join-Path $work 'a_BF_vSM_flows.tif'
        $same = Invoke-SegSegmentation -FlowsPath $flows -CellprobThreshold -3 -FlowThreshold 0 -Suffix same
        $same.Path | Should -Be (Join-Path $work 'a_BF_vSM_flows_vSM-same.ome.tif')
        $same.ObjectsPerFrame[0] | Should -Be $direct.ObjectsPerFrame[0]
        Get-Content $same.LogPath | Should -Contain "flows: $flows"
    }

    It 'refuses a missing model, a wrong model and a diameter without diam_mean, naming the file' {
        $missing = Join-Path $work 'none.onnx'
        { Invoke-SegSegmentation (Join-Path $work 'a_BF.tif') -Method Cellpose -ModelPath $missing -ErrorAction Stop } | Should -Throw "*none.onnx*"
        { Invoke-SegSegmentation (Join-Path $work 'a_BF.tif') -Method Cellpose -ModelPath (Join-Path $Models 'cellpose_wrong_shape.onnx') -ErrorAction Stop } |
            Should -Throw '*cellpose_wrong_shape.onnx*'
        { Invoke-SegSegmentation (Join-Path $work 'a_BF.tif') -Method Cellpose -ModelPath (Join-Path $Models 'cellpose_no_diam_mean.onnx') -Diameter 20 -ErrorAction Stop } |
            Should -Throw '*diam_mean*'
        Get-ChildItem $work -Filter '*_vSM*' | Should -BeNullOrEmpty
    }

    It 'reports a flows file of the wrong shape as an error naming it' {
        Invoke-SegSegmentation -FlowsPath (Join-Path $work 'a_BF.tif') -ErrorVariable problems -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        "$problems" | Should -BeLike '*a_BF.tif*not a flows file*'
    }

    It 'falls back to the CPU with a warning when -UseGpu finds no CUDA provider' {
        $result = Invoke-SegSegmentation (Join-Path $work 'a_BF.tif') -Method Cellpose -ModelPath $TinyModel -UseGpu -WarningVariable warned -WarningAction SilentlyContinue
        if ((Get-Content $result.LogPath) -contains 'execution_provider: cpu') {
            "$warned" | Should -BeLike '*running on the CPU*'
        }
    }
}
