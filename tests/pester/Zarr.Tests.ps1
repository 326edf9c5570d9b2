#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# OME-Zarr folders are images to the cmdlets: a wildcard path over HCS plate fields, a label
# image piped from Get-Item, and a vendor file refused with its conversion.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $Zarr = Join-Path $Repository 'tests' 'reference' 'zarr'
}

Describe 'OME-Zarr inputs' {
    It 'measures every field of a plate from one wildcard path' {
        $rows = Measure-Morphology -Path (Join-Path $Zarr 'plate.ome.zarr' '*' '*' '0')
        @($rows | Select-Object -ExpandProperty Path -Unique).Count | Should -Be 4
    }

    It 'takes a label image folder piped from Get-Item, and gives the rows its TIFF copy gives' {
        $fromZarr = Get-Item (Join-Path $Zarr 'nuclei_2d.ome.zarr' 'labels' 'nuclei') | Measure-Morphology
        $fromTiff = Measure-Morphology -Path (Join-Path $Zarr 'nuclei_2d_labels.tif')
        $fromZarr.Count | Should -Be $fromTiff.Count
        ($fromZarr | ForEach-Object area) | Should -Be ($fromTiff | ForEach-Object area)
    }

    It 'writes a post-processed label image as Zarr v3 with -ZarrVersion 3, and v2 without it' {
        $work = New-WorkFolder
        $nuclei = Join-Path $Zarr 'nuclei_2d.ome.zarr' 'labels' 'nuclei'
        $null = Remove-SmallSegment -Path $nuclei -MinSize 50 -OutputPath (Join-Path $work 'v3.ome.zarr') -ZarrVersion 3
        $null = Remove-SmallSegment -Path $nuclei -MinSize 50 -OutputPath (Join-Path $work 'v2.ome.zarr')
        Join-Path $work 'v3.ome.zarr' 'zarr.json' | Should -Exist
        Join-Path $work 'v2.ome.zarr' '.zattrs' | Should -Exist
        (Measure-Morphology -Path (Join-Path $work 'v3.ome.zarr')).area | Should -Be (Measure-Morphology -Path (Join-Path $work 'v2.ome.zarr')).area
        { Remove-SmallSegment -Path $nuclei -MinSize 50 -OutputPath (Join-Path $work 'v4.ome.zarr') -ZarrVersion 4 } | Should -Throw '*ZarrVersion*'
    }

    It 'refuses a vendor file with the format and the conversion named' {
        $nd2 = Join-Path ([IO.Path]::GetTempPath()) "segmeasure-$([guid]::NewGuid()).nd2"
        [IO.File]::WriteAllBytes($nd2, [byte[]](0xDA, 0xCE, 0xBE, 0x0A, 0, 0, 0, 0))
        try {
            Measure-Morphology -Path $nd2 -ErrorVariable errors -ErrorAction SilentlyContinue
            $errors[0].Exception.Message | Should -Match 'Nikon ND2.*bfconvert'
            $errors[0].FullyQualifiedErrorId | Should -BeLike 'SegMeasure.UnsupportedFormat,*'
        }
        finally { Remove-Item $nd2 }
    }
}
