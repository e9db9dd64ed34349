package org.serialregistry.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JavaScript;
import com.vaadin.flow.component.html.Div;
import tools.jackson.databind.json.JsonMapper;

/**
 * An Apache ECharts chart, loaded as a plain script from the WebJar (no npm, no frontend build).
 * Options are an ECharts option object built as maps and lists; {@link #bar}, {@link #line} and
 * {@link #pie} build the common ones. Every chart in the portal sits beside a table of the same
 * numbers, for people who want figures and for screen readers.
 */
@Tag("div")
@JavaScript("context://webjars/echarts/5.3.1/dist/echarts.min.js")
public class EChart extends Div {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private String optionJson = "{}";

    public EChart() {
        addClassName("echart");
        getElement().setAttribute("role", "img");
    }

    /** Replaces the chart's option object. */
    public EChart setOption(Map<String, Object> option) {
        this.optionJson = JSON.writeValueAsString(option);
        render();
        return this;
    }

    /** The JSON of the current option object (what the browser draws). */
    public String getOptionJson() {
        return optionJson;
    }

    public EChart setAriaLabel(String label) {
        getElement().setAttribute("aria-label", label);
        return this;
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        render();
    }

    private void render() {
        getElement().executeJs("""
                if (!window.echarts) { return; }
                if (!this.__chart) {
                  this.__chart = echarts.init(this);
                  new ResizeObserver(() => this.__chart && this.__chart.resize()).observe(this);
                }
                this.__chart.setOption(JSON.parse($0), true);
                if (!this.__clicks) {
                  this.__clicks = true;
                  this.__chart.on('click', p => this.dispatchEvent(new CustomEvent('chart-select', {detail: p.name})));
                }""", optionJson);
    }

    /**
     * Calls {@code selected} with the category (or slice name) a person clicks in the chart, so that
     * bars can drill down like the rows of the table beside them.
     */
    public EChart addSelectListener(java.util.function.Consumer<String> selected) {
        getElement().addEventListener("chart-select", e -> selected.accept(e.getEventData().get("event.detail").asString()))
                .addEventData("event.detail");
        getStyle().set("cursor", "pointer");
        return this;
    }

    /**
     * A bar chart of one series with a threshold: a dashed line at {@code threshold}, and the bars
     * above it in the error colour, so that what needs attention stands out without reading numbers.
     */
    public static Map<String, Object> barWithThreshold(List<String> categories, String seriesName,
                                                       List<? extends Number> values, double threshold,
                                                       String thresholdLabel) {
        var option = axisChart(null, categories, Map.of(seriesName, values), "bar");
        var data = new ArrayList<Map<String, Object>>();
        for (Number v : values) {
            data.add(Map.of("value", v, "itemStyle", Map.of("color", v.doubleValue() > threshold ? "#b3261e" : "#1676f3")));
        }
        option.put("series", List.of(Map.of("name", seriesName, "type", "bar", "data", data,
                "markLine", Map.of("symbol", "none", "lineStyle", Map.of("type", "dashed", "color", "#b3261e"),
                        "label", Map.of("formatter", thresholdLabel), "data", List.of(Map.of("yAxis", threshold))))));
        return option;
    }

    /** A bar chart: one category axis, one or more named series. A null title draws none (a heading names the chart). */
    public static Map<String, Object> bar(String title, List<String> categories, Map<String, List<? extends Number>> series) {
        return axisChart(title, categories, series, "bar");
    }

    /** A line chart over categories such as days. */
    public static Map<String, Object> line(String title, List<String> categories, Map<String, List<? extends Number>> series) {
        return axisChart(title, categories, series, "line");
    }

    /** A pie chart of named values; a null title draws none. */
    public static Map<String, Object> pie(String title, Map<String, ? extends Number> values) {
        var data = new ArrayList<Map<String, Object>>();
        values.forEach((name, value) -> data.add(Map.of("name", name, "value", value)));
        var option = titled(title);
        option.put("tooltip", Map.of("trigger", "item"));
        option.put("legend", Map.of("bottom", 0, "type", "scroll"));
        option.put("series", List.of(Map.of("type", "pie", "radius", List.of("40%", "70%"), "data", data)));
        return option;
    }

    private static Map<String, Object> axisChart(String title, List<String> categories,
                                                 Map<String, List<? extends Number>> series, String type) {
        var option = titled(title);
        option.put("tooltip", Map.of("trigger", "axis"));
        // A legend only tells series apart: with one series it repeats the value header
        boolean legend = series.size() > 1;
        if (legend) {
            option.put("legend", Map.of("bottom", 0, "type", "scroll"));
        }
        option.put("grid", Map.of("left", 48, "right", 16, "top", title == null ? 16 : 40, "bottom", legend ? 56 : 16,
                "containLabel", true));
        option.put("xAxis", Map.of("type", "category", "data", categories));
        option.put("yAxis", Map.of("type", "value", "minInterval", 1));
        var list = new ArrayList<Map<String, Object>>();
        series.forEach((name, values) -> list.add(Map.of("name", name, "type", type, "data", values)));
        option.put("series", list);
        return option;
    }

    private static LinkedHashMap<String, Object> titled(String title) {
        var option = new LinkedHashMap<String, Object>();
        if (title != null) {
            option.put("title", Map.of("text", title, "textStyle", Map.of("fontSize", 14)));
        }
        return option;
    }
}
