"""Reading the installed gazetteer sources: admin area points."""

from __future__ import annotations

import pytest

from conflictwatch.gazetteer.sources import area_point, read_centroids


def test_gazetteer_sources_area_point_is_the_box_of_towns_without_a_centroid() -> None:
    assert area_point([10.0, 12.0, 20.0], [30.0, 31.0, 40.0], None) == (15.0, 35.0)


def test_gazetteer_sources_area_point_meets_the_centroid_halfway() -> None:
    assert area_point([10.0, 20.0], [30.0, 40.0], (17.0, 39.0)) == (16.0, 37.0)


def test_gazetteer_sources_area_point_crosses_the_antimeridian() -> None:
    lat, lon = area_point([-16.0, -18.0], [178.0, 179.0], (-17.0, -179.5))
    assert lat == pytest.approx(-17.0)
    assert lon == pytest.approx(179.5)


def test_gazetteer_sources_reads_iso_3166_2_centroids() -> None:
    centroids = read_centroids()
    assert len(centroids) > 4000
    lat, lon = centroids["CA-AB"]  # Alberta
    assert 49 < lat < 60 and -120 < lon < -110
