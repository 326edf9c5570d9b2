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
