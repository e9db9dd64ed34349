package org.serialregistry.reporting.ui;

import com.vaadin.flow.component.Component;
import org.serialregistry.reporting.ReportJob;

/** Test access to the package-private report view (browserless tests have no poll requests). */
public final class CustodyReportViewAccess {

    private CustodyReportViewAccess() {
    }

    public static ReportJob job(com.vaadin.flow.component.HasElement view) {
        return ((CustodyReportView) view).job;
    }

    public static void finish(com.vaadin.flow.component.HasElement view, ReportJob job) {
        ((CustodyReportView) view).finish(job);
    }
}
