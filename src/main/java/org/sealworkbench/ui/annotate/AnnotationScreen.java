package org.sealworkbench.ui.annotate;

import org.sealworkbench.jobs.annotate.AnnotationBackend;
import org.sealworkbench.ui.JobRunner;

/**
 * Builds the annotation screen in one call, for a tab of the workbench:
 * {@code annotateTab.setContent(AnnotationScreen.create(AnnotationService.open(workspaceDir), jobRunner));}
 * The caller closes the backend when the workspace closes. Call on the FX thread; the log is read by a job.
 */
public final class AnnotationScreen {
    private AnnotationScreen() {}

    public static AnnotationView create(AnnotationBackend backend, JobRunner runner) {
        AnnotationViewModel vm = new AnnotationViewModel(backend, runner);
        AnnotationView view = new AnnotationView(vm, new FxAnnotationDialogs());
        vm.load();
        return view;
    }
}
