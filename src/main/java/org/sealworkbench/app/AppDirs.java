package org.sealworkbench.app;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the workbench keeps per-user files, following the XDG base directory rules on Linux:
 * <ul>
 *   <li>data (workspaces, DJL's native cache, logs): {@code $SEAL_WORKBENCH_HOME} when set (or the system
 *       property {@code seal.home}), else {@code $XDG_DATA_HOME/seal-workbench}, else
 *       {@code $HOME/.local/share/seal-workbench};</li>
 *   <li>settings: {@code $SEAL_WORKBENCH_HOME/config} when that override is set, else
 *       {@code $XDG_CONFIG_HOME/seal-workbench}, else {@code $HOME/.config/seal-workbench}.</li>
 * </ul>
 * {@code $HOME} is read from the environment, not Java's {@code user.home} (which comes from the password
 * database and ignores a changed {@code $HOME}); {@code user.home} is only the fallback when {@code $HOME} is
 * unset. As the XDG spec says, a relative {@code XDG_*} path is invalid and ignored. Never inside the
 * installation folder. The environment is injectable ({@link #of}) so the rules are unit-tested.
 */
public final class AppDirs {
    public static final String HOME_OVERRIDE = "SEAL_WORKBENCH_HOME";
    public static final String HOME_PROPERTY = "seal.home";
    static final String APP = "seal-workbench";

    private final Path data;
    private final Path config;

    private AppDirs(Path data, Path config) {
        this.data = data;
        this.config = config;
    }

    /**
     * The folders for an environment.
     *
     * @param env the environment variables (HOME, XDG_DATA_HOME, XDG_CONFIG_HOME, SEAL_WORKBENCH_HOME)
     * @param homeOverrideProperty the value of {@code -Dseal.home} (wins over the environment), or null
     * @param userHome Java's {@code user.home}, used only when {@code HOME} is unset
     */
    public static AppDirs of(Map<String, String> env, String homeOverrideProperty, String userHome) {
        String override = nonBlank(homeOverrideProperty) ? homeOverrideProperty : env.get(HOME_OVERRIDE);
        if (nonBlank(override)) {
            Path base = Path.of(override).toAbsolutePath();
            return new AppDirs(base, base.resolve("config"));
        }
        String homeVar = env.get("HOME");
        Path home = Path.of(nonBlank(homeVar) ? homeVar : userHome).toAbsolutePath();
        Path data = xdg(env.get("XDG_DATA_HOME"), home.resolve(".local").resolve("share"));
        Path config = xdg(env.get("XDG_CONFIG_HOME"), home.resolve(".config"));
        return new AppDirs(data.resolve(APP), config.resolve(APP));
    }

    /** The folders of this process (its environment and system properties). */
    public static AppDirs current() {
        return of(System.getenv(), System.getProperty(HOME_PROPERTY), System.getProperty("user.home"));
    }

    private static Path xdg(String value, Path fallback) {
        if (nonBlank(value)) {
            Path p = Path.of(value);
            if (p.isAbsolute()) return p;
        }
        return fallback;
    }

    private static boolean nonBlank(String s) {
        return s != null && !s.isBlank();
    }

    /** Per-user data: workspaces, the DJL cache, logs. */
    public Path data() { return data; }

    /** Per-user settings. */
    public Path config() { return config; }

    public Path workspaces() { return data.resolve("workspaces"); }

    public Path logs() { return data.resolve("logs"); }

    /** Where DJL unpacks PyTorch's natives from the bundled jar (unless DJL_CACHE_DIR says otherwise). */
    public Path djlCache() { return data.resolve("djl-cache"); }

    /** The settings file (Java properties). */
    public Path settingsFile() { return config.resolve("settings.properties"); }

    /** The per-user data folder of this process. */
    public static Path dataDir() {
        return current().data();
    }

    /** The workspace the GUI opens when none is named. */
    public static Path defaultWorkspace() {
        return current().workspaces().resolve("default");
    }

    @Override
    public String toString() {
        return "data " + data + ", settings " + config;
    }
}
