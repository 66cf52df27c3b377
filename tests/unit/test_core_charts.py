"""The bar chart geometry shared by the screening overview, the board dashboard and the operations figures."""

from clearsight.core import charts


def test_the_longest_bar_is_the_largest_value_and_a_small_value_still_shows():
    chart = charts.bar_chart(
        [("Big", 1000, "£1,000", "#d4351c"), ("Tiny", 1, "£1", "#00703c"), ("None", 0, "£0", "#b1b4b6")]
    )
    big, tiny, none = chart["bars"]
    assert big["width"] == charts.WIDTH - charts.LABEL_WIDTH - charts.VALUE_WIDTH
    assert tiny["width"] == 1 and none["width"] == 0
    assert [b["y"] for b in chart["bars"]] == [charts.TOP + i * (charts.BAR_HEIGHT + charts.GAP) for i in range(3)]
    assert chart["height"] == charts.TOP * 2 + 3 * (charts.BAR_HEIGHT + charts.GAP)


def test_long_labels_are_cut_short_and_nothing_to_show_is_an_empty_chart():
    chart = charts.bar_chart([("A supplier with a very long name indeed, longer than the space", 5, "5", "#000")])
    assert chart["bars"][0]["label"].endswith("…") and len(chart["bars"][0]["label"]) == charts.LABEL_CHARACTERS + 1
    assert charts.bar_chart([])["bars"] == []


def test_the_narrow_drawing_puts_each_label_above_its_bar_at_its_own_size():
    """At 320 CSS pixels (400% zoom) the chart is drawn as wide as the column, so its 14-pixel labels
    stay 14 pixels: each label on its own line, its bar under it, the same lengths as the wide one."""
    chart = charts.bar_chart([("Big", 1000, "£1,000", "#d4351c"), ("Tiny", 1, "£1", "#00703c")])
    narrow = chart["narrow"]
    assert narrow["width"] <= 320 - 2 * 15  # the page's column at 320 pixels, inside its margins
    big, tiny = narrow["bars"]
    assert big["label"] == "Big" and big["label_y"] < big["y"] < tiny["label_y"] < tiny["y"]
    assert big["width"] == charts.NARROW_WIDTH - charts.NARROW_VALUE_WIDTH and tiny["width"] >= 1
    assert big["value_x"] > big["width"]
    assert narrow["height"] > tiny["y"] + narrow["bar_height"]
