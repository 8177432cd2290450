#!/bin/sh
# Layer files written by GDAL/OGR (ogr2ogr) for tests/gis/test_gdal_files.py.
# Made once with GDAL 3.6.2 (Debian 12 gdal-bin) and committed; the tests do not
# need GDAL. Re-run from this folder: sh make.sh
# Coordinates: small squares in Mysłowice (EPSG:2180, x = easting 510 000 m).
set -eu
export OGR_WKT_PRECISION=17
rm -rf build && mkdir build
cd build

# 1. A UTF-8 Shapefile whose Polish field name GDAL cut at 10 bytes in the
#    middle of "ę" (numer_obrębu -> numer_obr\xc4).
cat > parcels.csv <<'CSV'
WKT,numer_obrębu,nazwa
"POLYGON((510000 259000,510030 259000,510030 259030,510000 259030,510000 259000))",0001,Wesoła
"POLYGON((510040 259000,510070 259000,510070 259030,510040 259030,510040 259000))",0002,Brzęczkowice
CSV
ogr2ogr -f "ESRI Shapefile" -a_srs EPSG:2180 -lco ENCODING=UTF-8 -nln dzialki \
  dzialki.shp parcels.csv -oo GEOM_POSSIBLE_NAMES=WKT -oo KEEP_GEOM_COLUMNS=NO
zip -q -X ../shp-utf8-cut-field-name.zip dzialki.shp dzialki.shx dzialki.dbf dzialki.prj dzialki.cpg

# 2. GeoPackages with curved geometry: a MultiSurface whose every segment is
#    straight, and a CurvePolygon with real arcs (a 20 m radius round pond).
cat > straight.csv <<'CSV'
WKT,nazwa
"MULTISURFACE(CURVEPOLYGON(COMPOUNDCURVE((510000 259000,510030 259000,510030 259030),(510030 259030,510000 259030,510000 259000))),((510040 259000,510070 259000,510070 259030,510040 259000)))",proste
CSV
ogr2ogr -f GPKG -a_srs EPSG:2180 -nlt MULTISURFACE -nln obszary -lco SPATIAL_INDEX=NO \
  ../gpkg-multisurface-straight.gpkg straight.csv -oo GEOM_POSSIBLE_NAMES=WKT -oo KEEP_GEOM_COLUMNS=NO
cat > arcs.csv <<'CSV'
WKT,nazwa
"CURVEPOLYGON(CIRCULARSTRING(510000 259000,510040 259000,510000 259000))",staw
"CURVEPOLYGON(COMPOUNDCURVE(CIRCULARSTRING(510100 259000,510120 259020,510140 259000),(510140 259000,510100 259000)))",półkole
CSV
ogr2ogr -f GPKG -a_srs EPSG:2180 -nlt CURVEPOLYGON -nln luki -lco SPATIAL_INDEX=NO \
  ../gpkg-curvepolygon-arcs.gpkg arcs.csv -oo GEOM_POSSIBLE_NAMES=WKT -oo KEEP_GEOM_COLUMNS=NO

# 3. A self-crossing polygon (a bow tie) as feature 2 of 3.
cat > bowtie.csv <<'CSV'
WKT,nazwa
"POLYGON((510000 259000,510030 259000,510030 259030,510000 259030,510000 259000))",dobry
"POLYGON((510100 259000,510130 259030,510130 259000,510100 259030,510100 259000))",kokardka
"POLYGON((510200 259000,510230 259000,510230 259030,510200 259030,510200 259000))",dobry
CSV
ogr2ogr -f GPKG -a_srs EPSG:2180 -nlt POLYGON -nln obiekty -lco SPATIAL_INDEX=NO \
  ../gpkg-self-crossing.gpkg bowtie.csv -oo GEOM_POSSIBLE_NAMES=WKT -oo KEEP_GEOM_COLUMNS=NO

# 4. A Mysłowice square written with swapped axes (northing, easting) in
#    EPSG:2180, as a Shapefile: it lands near Gorzów Wielkopolski.
cat > swapped.csv <<'CSV'
WKT,nazwa
"POLYGON((259000 510000,259000 510100,259100 510100,259100 510000,259000 510000))",kwadrat
CSV
ogr2ogr -f "ESRI Shapefile" -a_srs EPSG:2180 -lco ENCODING=UTF-8 -nln kwadrat \
  kwadrat.shp swapped.csv -oo GEOM_POSSIBLE_NAMES=WKT -oo KEEP_GEOM_COLUMNS=NO
zip -q -X ../shp-swapped-axes-2180.zip kwadrat.shp kwadrat.shx kwadrat.dbf kwadrat.prj kwadrat.cpg

cd .. && rm -rf build
