#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Tables: Export-SegTable, Import-SegTable and Merge-SegTable with measure objects and Import-Csv rows.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $rows = Measure-Morphology $NucleiSeg
}

Describe 'Export-SegTable and Import-SegTable' {
    It 'round-trip measure objects through <_> with typed columns' -ForEach 'csv', 'tsv', 'xlsx' {
        $file = Join-Path (New-WorkFolder) "table.$_"
        $rows | Export-SegTable $file
        $back = Import-SegTable $file
        $back | Should -HaveCount $rows.Count
        $back[5].area | Should -Be $rows[5].area
        $back[5].perimeter | Should -Be $rows[5].perimeter
        $back[0].index | Should -BeOfType [long]
        $back[0].Path | Should -Be $NucleiSeg
    }

    It 'saves Import-Csv rows, whose values are text, as numbers' {
        $folder = New-WorkFolder
        $rows | Export-Csv (Join-Path $folder 'plain.csv') -NoTypeInformation
        Import-Csv (Join-Path $folder 'plain.csv') | Export-SegTable (Join-Path $folder 'typed.xlsx')
        $back = Import-SegTable (Join-Path $folder 'typed.xlsx')
        $back[3].perimeter | Should -BeOfType [double]
        $back[3].perimeter | Should -Be $rows[3].perimeter
        $back[3].index | Should -BeOfType [long]
    }

    It 'returns the file with -PassThru' {
        $file = Join-Path (New-WorkFolder) 'out.csv'
        $info = $rows | Export-SegTable $file -PassThru
        $info | Should -BeOfType [System.IO.FileInfo]
        $info.FullName | Should -Be $file
    }

    It 'writes nothing with -WhatIf, refuses to overwrite, and overwrites with -Force' {
        $file = Join-Path (New-WorkFolder) 'once.csv'
        $rows | Export-SegTable $file -WhatIf
        $file | Should -Not -Exist
        $rows | Export-SegTable $file -Confirm:$false
        $before = Get-Content $file -Raw
        { $rows | Select-Object -First 2 | Export-SegTable $file -ErrorAction Stop } | Should -Throw -ErrorId 'SegMeasure.OutputExists*'
        Get-Content $file -Raw | Should -Be $before
        $rows | Select-Object -First 2 | Export-SegTable $file -Force
        Import-SegTable $file | Should -HaveCount 2
    }

    It 'reports a corrupt workbook as an error naming the file' {
        $folder = New-WorkFolder
        Set-Content (Join-Path $folder 'broken.xlsx') 'not a workbook'
        Import-SegTable (Join-Path $folder 'broken.xlsx') -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors | Should -HaveCount 1
        $errors[0].TargetObject | Should -Be (Join-Path $folder 'broken.xlsx')
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidData'
    }

    It 'reads a sweep of tables from Get-ChildItem' {
        $folder = New-WorkFolder
        $rows | Export-SegTable (Join-Path $folder 'a.csv')
        $rows | Select-Object -First 3 | Export-SegTable (Join-Path $folder 'b.tsv')
        Get-ChildItem $folder | Import-SegTable | Should -HaveCount ($rows.Count + 3)
    }
}

Describe 'Merge-SegTable' {
    It 'joins morphology and intensity tables on index, dropping columns on request' {
        $folder = New-WorkFolder
        $a = Join-Path $folder 'm.csv'; $b = Join-Path $folder 'i.xlsx'
        Measure-Morphology $CellsSeg | Select-Object * -ExcludeProperty Path | Export-SegTable $a
        Measure-Intensity $CellsSeg -IntensityPath $CellsRaw | Select-Object * -ExcludeProperty Path, IntensityPath | Export-SegTable $b
        $merged = Get-ChildItem $folder | Merge-SegTable -DropColumn perimeter
        $merged | Should -HaveCount 38
        $merged[0].PSObject.Properties.Name | Should -Contain 'area'
        $merged[0].PSObject.Properties.Name | Should -Contain 'mean_intensity'
        $merged[0].PSObject.Properties.Name | Should -Not -Contain 'perimeter'
        $merged | Sort-Object mean_intensity -Descending | Select-Object -First 1 -ExpandProperty index | Should -BeOfType [long]
    }
}
