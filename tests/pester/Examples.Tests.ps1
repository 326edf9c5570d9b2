#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# The example scripts run as a user runs them, from the clone, with no module installed.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $scripts = Join-Path $Repository 'examples'
}

Describe 'Examples' {
    It 'Quick-Start sweeps the example data into one CSV and says where it went' {
        $out = Join-Path (New-WorkFolder) 'quick.csv'
        $said = & $Pwsh -NoProfile -NonInteractive -File (Join-Path $scripts 'Quick-Start.ps1') -OutFile $out 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($said -join "`n")
        $rows = Import-Csv $out
        @($rows | Select-Object -ExpandProperty Path -Unique).Count | Should -Be 2
        $rows | ForEach-Object { [double]$_.area | Should -BeGreaterThan 50 }
        ($said -join "`n") | Should -Match ([regex]::Escape($out))
        ($said -join "`n") | Should -Match "$(@($rows).Count) segments"

        # Never over an existing file.
        & $Pwsh -NoProfile -NonInteractive -File (Join-Path $scripts 'Quick-Start.ps1') -OutFile $out 2>&1 | Out-Null
        $LASTEXITCODE | Should -Not -Be 0
        @(Import-Csv $out).Count | Should -Be @($rows).Count
    }

    It 'Sweep-Plates writes one combined CSV' {
        $root = New-PlateTree (Join-Path $TestDrive 'sweep')
        $out = Join-Path $TestDrive 'plates.csv'
        & (Join-Path $scripts 'Sweep-Plates.ps1') -Root $root -OutFile $out 6>$null
        $rows = Import-Csv $out
        $rows | Should -HaveCount (2 * (38 + 24))
        $rows[0].PSObject.Properties.Name | Should -Contain 'Plate'
        $rows[0].PSObject.Properties.Name | Should -Contain 'mean_intensity'
        $rows[0].PSObject.Properties.Name | Should -Contain 'area'
    }

    It 'Scheduled-Measurement runs unattended: transcript, skips up-to-date inputs, exit codes' {
        $root = New-PlateTree (Join-Path $TestDrive 'scheduled')
        $script = Join-Path $scripts 'Scheduled-Measurement.ps1'

        & $Pwsh -NoProfile -NonInteractive -File $script -Root $root | Out-Null
        $LASTEXITCODE | Should -Be 0
        Get-ChildItem $root -Recurse -Filter *.measurements.csv | Should -HaveCount 4
        $logs = @(Get-ChildItem (Join-Path $root 'logs') -Filter *.log)
        $logs | Should -HaveCount 1
        $transcript = Get-Content $logs[0].FullName -Raw
        $transcript | Should -Match 'done: 4 measured, 0 up to date, 0 failed'
        $transcript | Should -Match 'measured\s+\S*A01_cells\.tif: 38 segments'

        $stamp = (Get-Item (Join-Path $root 'plate01' 'A01_cells.measurements.csv')).LastWriteTimeUtc
        $log = & $Pwsh -NoProfile -NonInteractive -File $script -Root $root
        $LASTEXITCODE | Should -Be 0
        ($log -join "`n") | Should -Match '0 measured, 4 up to date'
        (Get-Item (Join-Path $root 'plate01' 'A01_cells.measurements.csv')).LastWriteTimeUtc | Should -Be $stamp

        Set-Content (Join-Path $root 'plate02' 'Z99_cells.tif') 'not a TIFF'
        & $Pwsh -NoProfile -NonInteractive -File $script -Root $root | Out-Null
        $LASTEXITCODE | Should -Be 1
        Join-Path $root 'plate02' 'Z99_cells.measurements.csv' | Should -Not -Exist
        Get-ChildItem $root -Recurse -Filter *.partial | Should -HaveCount 0

        & $Pwsh -NoProfile -NonInteractive -File $script -Root (Join-Path $TestDrive 'nowhere') 2>$null | Out-Null
        $LASTEXITCODE | Should -Be 2
    }

    It 'Cluster-And-Classify runs on the example data' {
        $out = Join-Path $TestDrive 'walkthrough'
        & (Join-Path $scripts 'Cluster-And-Classify.ps1') -OutputDirectory $out | Out-Null
        Join-Path $out 'classifier.json' | Should -Exist
        Join-Path $out 'classified.xlsx' | Should -Exist
        (Import-SegTable (Join-Path $out 'classified.xlsx'))[0].PSObject.Properties.Name | Should -Contain 'classification_name'
    }
}
