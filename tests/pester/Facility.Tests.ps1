#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Long runs at facility scale: re-runnable sweeps (-SkipUpToDate) and cluster jobs (Submit-SegClusterJob).

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

Describe 'Re-runnable sweeps with -SkipUpToDate' {
    BeforeEach {
        $work = New-WorkFolder
        $out = New-WorkFolder
        foreach ($name in 'a_cells.tif', 'b_cells.tif') {
            Copy-Item $CellsSeg (Join-Path $work $name)
            (Get-Item (Join-Path $work $name)).LastWriteTimeUtc = [datetime]::UtcNow.AddMinutes(-10)
        }
    }

    It 'skips outputs that are up to date and remakes only the stale ones' {
        $first = Get-ChildItem $work -Filter *_cells.tif | Remove-SmallSegment -MinSize 50 -OutputPath $out -SkipUpToDate
        $first | Should -HaveCount 2
        Join-Path $out '.a_cells.tif.segmeasure' | Should -Exist

        $again = Get-ChildItem $work -Filter *_cells.tif | Remove-SmallSegment -MinSize 50 -OutputPath $out -SkipUpToDate -Verbose 4>&1
        @($again | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | Where-Object Message -like '*up to date, skipped') | Should -HaveCount 2
        @($again | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }) | Should -HaveCount 0

        # A newer input, and other parameters, make outputs again; no -Force needed for stamped outputs.
        (Get-Item (Join-Path $work 'b_cells.tif')).LastWriteTimeUtc = [datetime]::UtcNow.AddMinutes(1)
        $newer = Get-ChildItem $work -Filter *_cells.tif | Remove-SmallSegment -MinSize 50 -OutputPath $out -SkipUpToDate -ErrorAction Stop
        $newer.Path | Split-Path -Leaf | Should -Be 'b_cells.tif'
        $changed = Get-ChildItem $work -Filter *_cells.tif | Remove-SmallSegment -MinSize 500 -OutputPath $out -SkipUpToDate -ErrorAction Stop
        $changed | Should -HaveCount 2
    }

    It 'still refuses an existing output it did not make' {
        Set-Content (Join-Path $out 'a_cells.tif') 'an earlier result'
        Remove-SmallSegment (Join-Path $work 'a_cells.tif') -MinSize 50 -OutputPath $out -SkipUpToDate -ErrorVariable errors -ErrorAction SilentlyContinue |
            Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'SegMeasure.OutputExists*'
    }
}

Describe 'Status logs of cmdlet sweeps (-StatusLog)' {
    It 'writes one JSON line per file: done with its rows, failed with the error, skipped when up to date' {
        $work = New-WorkFolder
        Copy-Item $CellsSeg (Join-Path $work 'a_cells.tif')
        'not a tiff' | Set-Content (Join-Path $work 'b_cells.tif')
        $log = Join-Path $work 'status.jsonl'
        $rows = Get-ChildItem $work -Filter *_cells.tif | Measure-Morphology -StatusLog $log -ErrorAction SilentlyContinue
        $lines = Get-Content $log | ConvertFrom-Json
        $lines | Should -HaveCount 2
        ($lines | Where-Object status -eq 'done').rows | Should -Be $rows.Count
        ($lines | Where-Object status -eq 'failed').error | Should -BeLike '*b_cells.tif*'

        $out = New-WorkFolder
        (Get-Item (Join-Path $work 'a_cells.tif')).LastWriteTimeUtc = [datetime]::UtcNow.AddMinutes(-10)
        Remove-SmallSegment (Join-Path $work 'a_cells.tif') -MinSize 5 -OutputPath $out -SkipUpToDate | Out-Null
        Remove-SmallSegment (Join-Path $work 'a_cells.tif') -MinSize 5 -OutputPath $out -SkipUpToDate -StatusLog $log | Out-Null
        (Get-Content $log | ConvertFrom-Json)[-1].status | Should -Be 'skipped'
    }
}

Describe 'Submit-SegClusterJob' {
    It 'returns the array and merge scripts of a sweep with -DryRun, writing nothing' {
        $work = New-WorkFolder
        Push-Location $work
        try {
            $job = Submit-SegClusterJob -DryRun -Shards 3 -Partition short -Time 00:30:00 -Memory 2G -CpusPerTask 2 -SbatchLine '--account=lab' `
                -Program /opt/segmeasure/segmeasure -Command measure, morphology, --segmentation, 'plate/*.tif', --output, plate.csv
            $job.PSObject.TypeNames[0] | Should -Be 'SegMeasure.ClusterJob'
            $job.ArrayJobId | Should -BeNullOrEmpty
            $job.JobDirectory | Should -Be (Join-Path $work 'plate.csv.slurm')
            $job.ArrayScript | Should -Match '#SBATCH --array=0-2'
            $job.ArrayScript | Should -Match '#SBATCH --account=lab'
            $job.ArrayScript | Should -Match ([regex]::Escape('--shard "$SLURM_ARRAY_TASK_ID/3"'))
            $job.MergeScript | Should -Match 'table concat'
            Get-ChildItem $work | Should -BeNullOrEmpty
        }
        finally { Pop-Location }
    }

    It 'refuses a command that is not a sweep it can shard, naming the problem' {
        { Submit-SegClusterJob -DryRun -Command measure, morphology, --segmentation, 'a.tif' } | Should -Throw '*needs --output*'
    }

    It 'writes nothing with -WhatIf' {
        $work = New-WorkFolder
        Submit-SegClusterJob -WhatIf -JobDirectory (Join-Path $work 'job') -Command measure, morphology, --segmentation, 'a/*.tif', --output, (Join-Path $work 'a.csv') |
            Should -BeNullOrEmpty
        Get-ChildItem $work | Should -BeNullOrEmpty
    }
}

Describe 'Import-SegManifest' {
    BeforeEach {
        $work = New-WorkFolder
        New-Item -ItemType Directory (Join-Path $work 'plate1') | Out-Null
        Copy-Item $CellsSeg (Join-Path $work 'plate1' 'b-cells.tif')
        Copy-Item $CellsRaw (Join-Path $work 'plate1' 'a-raw-of-b.tif')
        Copy-Item $NucleiSeg (Join-Path $work 'plate1' 'a-cells.tif')
        Copy-Item $NucleiRaw (Join-Path $work 'plate1' 'b-raw-of-a.tif')
        @(
            [pscustomobject]@{ segmentation = 'plate1/b-cells.tif'; nucleus_segmentation = 'plate1/a-cells.tif'; intensity_image = 'plate1/a-raw-of-b.tif'; well = 'B01'; timepoint = 3 }
            [pscustomobject]@{ segmentation = 'plate1/a-cells.tif'; nucleus_segmentation = 'plate1/a-cells.tif'; intensity_image = 'plate1/b-raw-of-a.tif'; well = 'A01'; timepoint = 4 }
        ) | Export-Csv (Join-Path $work 'manifest.csv')
    }

    It 'emits one item per row with its files resolved against the manifest''s folder and its columns typed' {
        $items = Import-SegManifest (Join-Path $work 'manifest.csv')
        $items | Should -HaveCount 2
        $items[0].PSObject.TypeNames[0] | Should -Be 'SegMeasure.ManifestItem'
        $items[0].Path | Should -Be (Join-Path $work 'plate1' 'b-cells.tif')
        $items[0].IntensityPath | Should -Be (Join-Path $work 'plate1' 'a-raw-of-b.tif')
        $items[1].well | Should -Be 'A01'
        $items[1].timepoint | Should -BeOfType [long]
    }

    It 'pairs each item''s own files when piped into the measure cmdlets, not by sorted position' {
        $rows = Import-SegManifest (Join-Path $work 'manifest.csv') | Measure-Intensity -ErrorAction Stop
        $expected = Measure-Intensity (Join-Path $work 'plate1' 'b-cells.tif') -IntensityPath (Join-Path $work 'plate1' 'a-raw-of-b.tif')
        $fromManifest = @($rows | Where-Object Path -like '*b-cells.tif')
        $fromManifest | Should -HaveCount $expected.Count
        $fromManifest[0].mean_intensity | Should -Be $expected[0].mean_intensity
        $fromManifest[0].IntensityPath | Should -BeLike '*a-raw-of-b.tif'

        $cells = Import-SegManifest (Join-Path $work 'manifest.csv') | Measure-CellNucleus -ErrorAction Stop
        ($cells | Select-Object -ExpandProperty Path -Unique | Split-Path -Leaf) | Should -Be 'b-cells.tif', 'a-cells.tif'
    }

    It 'reports a row naming a missing file, naming the manifest' {
        'segmentation,well', 'plate1/none.tif,A01' | Set-Content (Join-Path $work 'bad.csv')
        Import-SegManifest (Join-Path $work 'bad.csv') -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors[0].Exception.Message | Should -BeLike '*bad.csv: row 1: segmentation plate1/none.tif: no such file*'
    }
}

Describe 'Whole-image steps and their memory limit' {
    It '<Name> refuses an image over -MemoryLimitGB before reading it, naming the limit' -ForEach @(
        @{ Name = 'Remove-SmallHole'; Arguments = @{ MaxHoleSize = 20 } }
        @{ Name = 'Invoke-Watershed'; Arguments = @{}; Heatmap = $true }
    ) {
        # -ForEach data is built at discovery, before Common.ps1 names the example files.
        if ($Heatmap) { $Arguments = @{ HeatmapPath = $NucleiRaw } }
        $out = New-WorkFolder
        & $Name $NucleiSeg @Arguments -OutputPath $out -MemoryLimitGB 0.001 -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'SegMeasure.ImageTooLarge*'
        $errors[0].Exception.Message | Should -BeLike '*over the memory limit*-MemoryLimitGB*'
        Get-ChildItem $out | Should -BeNullOrEmpty
        & $Name $NucleiSeg @Arguments -OutputPath $out -ErrorAction Stop | Should -HaveCount 1
    }
}

Describe 'Local steps and measurements over their memory limit' {
    It 'Measure-Intensity over -MemoryLimitGB reads the files band by band and returns the same rows' {
        $whole = Measure-Intensity $CellsSeg -IntensityPath $CellsRaw -IncludeSum
        $banded = Measure-Intensity $CellsSeg -IntensityPath $CellsRaw -IncludeSum -MemoryLimitGB 0.000001
        $banded | Should -HaveCount 38
        ($banded | ConvertTo-Csv -NoTypeInformation) | Should -Be ($whole | ConvertTo-Csv -NoTypeInformation)
    }

    It 'Remove-SmallSegment over -MemoryLimitGB writes the same pixels' {
        $whole = New-WorkFolder
        $banded = New-WorkFolder
        $a = Remove-SmallSegment $CellsSeg -MinSize 300 -OutputPath $whole
        $b = Remove-SmallSegment $CellsSeg -MinSize 300 -OutputPath $banded -MemoryLimitGB 0.000001
        $b.SegmentsAfter | Should -Be $a.SegmentsAfter
        $rows = { param($folder) Get-ChildItem $folder -Filter *.tif | Measure-Morphology | Select-Object * -ExcludeProperty Path | ConvertTo-Csv -NoTypeInformation }
        (& $rows $banded) | Should -Be (& $rows $whole)
    }
}
