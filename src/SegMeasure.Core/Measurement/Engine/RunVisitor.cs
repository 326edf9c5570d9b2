namespace SegMeasure.Core.Measurement.Engine;

/// <summary>Receives one run of consecutive voxels (in Z,Y,X order) that share a group key.</summary>
internal delegate void RunVisitor(int key, long start, int length);
