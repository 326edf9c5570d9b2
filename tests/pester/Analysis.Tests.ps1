#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Analysis cmdlets on measure objects and on Import-Csv rows: thresholds, clustering,
# embeddings, classifiers, and painting the results back beside each source segmentation.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $measured = Measure-Morphology $CellsSeg
    $csv = Join-Path $TestDrive 'cells.csv'
    $measured | Export-Csv $csv -NoTypeInformation

    function Add-Annotation {
        process { $_ | Select-Object *, @{ n = 'annotation'; e = { if ([double]$_.area -gt 400) { 2 } elseif ([double]$_.area -lt 150) { 1 } else { 0 } } } }
    }
}

Describe 'Painting results back with <Name>' -ForEach @(
    @{ Name = 'Group-ObjectByThreshold'; Arguments = @{ Column = 'area'; Categories = 2 } }
    @{ Name = 'Invoke-Clustering'; Arguments = @{ Method = 'kmeans'; Clusters = 2 } }
    @{ Name = 'Invoke-SegClassifier'; Arguments = @{} }
) {
    BeforeAll {
        $dir = New-WorkFolder
        Copy-Item $CellsSeg (Join-Path $dir 'w1_cells.tif')
        Copy-Item $NucleiSeg (Join-Path $dir 'w2_cells.tif')
        $rows = Get-ChildItem $dir -Filter *_cells.tif | Measure-Morphology
        $arguments = $Arguments.Clone()
        if ($Name -eq 'Invoke-SegClassifier') { $arguments.Model = $rows | Add-Annotation | New-SegClassifier }
    }

    It 'paints beside each source segmentation, not with -WhatIf, and never over an earlier result without -Force' {
        $rows | & $Name @arguments -PaintSuffix _painted -WhatIf | Out-Null
        Get-ChildItem $dir -Filter *_painted.tif | Should -HaveCount 0

        $rows | & $Name @arguments -PaintSuffix _painted -Confirm:$false | Should -HaveCount $rows.Count
        Get-ChildItem $dir -Filter *_painted.tif | Should -HaveCount 2
        $painted = Get-SegImageInfo (Join-Path $dir 'w1_cells_painted.tif')
        $painted.Shape | Should -Be (Get-SegImageInfo $CellsSeg).Shape
        $painted.Labels | Should -BeIn 1, 2

        $stamp = (Get-Item (Join-Path $dir 'w1_cells_painted.tif')).LastWriteTimeUtc
        $rows | & $Name @arguments -PaintSuffix _painted -ErrorVariable errors -ErrorAction SilentlyContinue | Out-Null
        $errors | Should -HaveCount 2
        $errors | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'SegMeasure.OutputExists*' }
        (Get-Item (Join-Path $dir 'w1_cells_painted.tif')).LastWriteTimeUtc | Should -Be $stamp
        $rows | & $Name @arguments -PaintSuffix _painted -Force -ErrorAction Stop | Out-Null
    }
}

Describe 'Group-ObjectByThreshold' {
    It 'categorises measure objects by thresholds, with names' {
        $rows = $measured | Group-ObjectByThreshold area 2 -Threshold 100 -CategoryName small, large
        $rows | Should -HaveCount 38
        $rows | ForEach-Object { $_.category_name | Should -Be ($_.area -lt 100 ? 'small' : 'large') }
        ($rows | Group-Object category_name).Count | Should -Be 2
    }

    It 'categorises Import-Csv rows with suggested thresholds' {
        $rows = Import-Csv $csv | Group-ObjectByThreshold solidity 3
        $rows | Should -HaveCount 38
        $rows.category_id | Sort-Object -Unique | Should -Be @(1, 2, 3)
    }

    It 'reports an unknown column as a terminating error naming it' {
        { $measured | Group-ObjectByThreshold no_such_column 2 -ErrorAction Stop } | Should -Throw '*no_such_column*'
    }
}

Describe 'Invoke-Clustering' {
    It 'adds cluster_id to measure objects and Import-Csv rows alike' {
        ($measured | Invoke-Clustering kmeans -Clusters 3).cluster_id | Sort-Object -Unique | Should -Be @(1, 2, 3)
        $fromCsv = Import-Csv $csv | Invoke-Clustering kmeans -Clusters 3
        $fromCsv | Should -HaveCount 38
        ($fromCsv.cluster_id | Sort-Object -Unique) | Should -Be @(1, 2, 3)
    }

    It 'leaves its input records alone, so a second analysis keeps the first result' {
        $three = $measured | Invoke-Clustering kmeans -Clusters 3
        $five = $measured | Invoke-Clustering kmeans -Clusters 5
        ($three.cluster_id | Measure-Object -Maximum).Maximum | Should -Be 3
        ($five.cluster_id | Measure-Object -Maximum).Maximum | Should -Be 5
        $measured[0].PSObject.Properties.Name | Should -Not -Contain 'cluster_id'
        $three[0].PSObject.TypeNames[0] | Should -Be 'SegMeasure.Morphology'
    }

    It 'clusters with <_>' -ForEach 'dbscan', 'hdbscan', 'mean_shift', 'ward' {
        $rows = $measured | Invoke-Clustering $_
        $rows | Should -HaveCount 38
        $rows | ForEach-Object { $_.cluster_id | Should -BeGreaterOrEqual -1 }
    }

    It 'paints clusters back beside each source segmentation, and not with -WhatIf' {
        $dir = New-WorkFolder
        Copy-Item $CellsSeg (Join-Path $dir 'w1_cells.tif')
        Copy-Item $NucleiSeg (Join-Path $dir 'w2_cells.tif')
        $rows = Get-ChildItem $dir -Filter *_cells.tif | Measure-Morphology
        $rows | Invoke-Clustering -Clusters 2 -PaintSuffix _clusters -WhatIf | Out-Null
        Get-ChildItem $dir -Filter *_clusters.tif | Should -HaveCount 0
        $rows | Invoke-Clustering -Clusters 2 -PaintSuffix _clusters | Out-Null
        Get-ChildItem $dir -Filter *_clusters.tif | Should -HaveCount 2
        (Get-SegImageInfo (Join-Path $dir 'w1_cells_clusters.tif')).Labels | Should -BeLessOrEqual 2
        # Painted again: refused without -Force, replaced with it.
        $rows | Invoke-Clustering -Clusters 2 -PaintSuffix _clusters -ErrorVariable errors -ErrorAction SilentlyContinue | Out-Null
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'SegMeasure.OutputExists*'
        $rows | Invoke-Clustering -Clusters 2 -PaintSuffix _clusters -Force -ErrorAction Stop | Out-Null
    }
}

Describe 'Add-SegEmbedding' {
    It 'adds a 2-D embedding with <_>' -ForEach 'PCA', 'TSNE', 'UMAP' {
        $rows = $measured | Add-SegEmbedding -Method $_ -Seed 1
        $rows | Should -HaveCount 38
        $rows | ForEach-Object { [double]::IsFinite($_.embedding_1) -and [double]::IsFinite($_.embedding_2) | Should -BeTrue }
        @($rows.embedding_1 | Sort-Object -Unique).Count | Should -BeGreaterThan 1
    }

    It 'embeds Import-Csv rows as it embeds measure objects' {
        $a = ($measured | Add-SegEmbedding -Method PCA).embedding_1
        $b = (Import-Csv $csv | Add-SegEmbedding -Method PCA).embedding_1
        for ($i = 0; $i -lt 38; $i++) { $b[$i] | Should -BeGreaterThan ($a[$i] - 1e-9); $b[$i] | Should -BeLessThan ($a[$i] + 1e-9) }
    }
}

Describe 'New-SegClassifier and Invoke-SegClassifier' {
    It 'trains through the Train-SegClassifier alias, saves the model and classifies' {
        $model = Join-Path (New-WorkFolder) 'model.json'
        $trained = $measured | Add-Annotation | Train-SegClassifier -OutFile $model
        $trained.PSObject.TypeNames[0] | Should -Be 'SegMeasure.Classifier'
        $model | Should -Exist
        $classified = $measured | Invoke-SegClassifier -ModelPath $model -ClassNames small, large
        $classified | Should -HaveCount 38
        $classified | ForEach-Object { $_.classification_id | Should -BeIn @(1, 2) }
        ($classified | Where-Object area -gt 1000)[0].classification_name | Should -Be 'large'
    }

    It 'trains on Import-Csv rows with <_> and classifies with the model object' -ForEach 'random_forest', 'logistic_regression' {
        $trained = Import-Csv $csv | Add-Annotation | New-SegClassifier -Method $_
        $classified = Import-Csv $csv | Invoke-SegClassifier -Model $trained
        $classified | Should -HaveCount 38
        ($classified | Where-Object { [double]$_.area -lt 100 })[0].classification_id | Should -Be 1
    }

    It 'refuses to overwrite a saved model without -Force, and writes nothing with -WhatIf' {
        $model = Join-Path (New-WorkFolder) 'model.json'
        $measured | Add-Annotation | New-SegClassifier -OutFile $model -WhatIf | Out-Null
        $model | Should -Not -Exist
        $measured | Add-Annotation | New-SegClassifier -OutFile $model | Out-Null
        { $measured | Add-Annotation | New-SegClassifier -OutFile $model -ErrorAction Stop } | Should -Throw -ErrorId 'SegMeasure.OutputExists*'
        { $measured | Add-Annotation | New-SegClassifier -OutFile $model -Force -ErrorAction Stop } | Should -Not -Throw
    }

    It 'paints classes beside the source segmentation' {
        $dir = New-WorkFolder
        Copy-Item $CellsSeg (Join-Path $dir 'w1_cells.tif')
        $rows = Measure-Morphology (Join-Path $dir 'w1_cells.tif')
        $model = $rows | Add-Annotation | New-SegClassifier
        $rows | Invoke-SegClassifier -Model $model -PaintSuffix _classes | Out-Null
        (Get-SegImageInfo (Join-Path $dir 'w1_cells_classes.tif')).Labels | Should -Be 2
    }
}
