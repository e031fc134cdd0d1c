-- Geography of regions: a center point and a GeoJSON boundary (GCJ-02), both optional.
ALTER TABLE regions ADD COLUMN center_lat REAL;
ALTER TABLE regions ADD COLUMN center_lng REAL;
ALTER TABLE regions ADD COLUMN boundary TEXT;
