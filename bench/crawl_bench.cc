// crawl_bench — crawler throughput on loopback: a generated news site served
// by many hosts, crawled by a command whose CPU time and peak memory are
// measured (wait4 rusage), while the server counts the pages it served.
//
//   crawl_bench [--pages 10000] [--hosts 50] [--page-kb 41] [--label NAME] -- COMMAND ARGS...
//
// The site: host h (127.0.1.h, each its own cpp-httplib server on its own
// port) has pages/hosts pages; "/" is page 0 and page k links to pages
// 10k+1 .. 10k+10 of the same host, so a crawler starting at the home pages
// finds every page (depth ~log10). Each page is a corpus article (harbour-
// ledger.test) with the page number in its title, three paragraphs of its own,
// and the weight of a real news page (mega menu, inline JSON state) up to
// --page-kb; generated on the fly (no two pages are identical; nothing is
// kept in memory). robots.txt allows everything; bodies are not compressed.
//
// In COMMAND, these tokens are replaced: {seeds} a file with one home-page URL
// per line, {config} a newsfacts sources file (one [[source]] per host, delay 0),
// {tmp} a scratch directory. The result is one JSON line on stdout:
//   {"label", "pages", "seconds", "pages_per_s", "cpu_s", "cpu_pct", "max_rss_mb", "exit"}
// where `pages` counts page responses the server sent (not robots.txt).
//
// With no COMMAND the site is served until stdin closes (for manual runs);
// the seeds file path is printed first.
#include <httplib.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Site {
  int hosts = 50;
  int pages = 10000;
  int page_kb = 41;
  std::string head;   // template up to the article end
  std::string tail;   // rest of the template
  std::atomic<long> served{0};
  std::atomic<long> robots{0};

  int PerHost() const { return (pages + hosts - 1) / hosts; }

  // A page as news sites send them: the article (a few hundred words, some
  // figures), then the weight of a real page: a mega menu and inline
  // application state, up to --page-kb.
  std::string Page(int host, int k) const {
    std::string out;
    out.reserve(static_cast<std::size_t>(page_kb) * 1024 + 2048);
    const std::string id = "h" + std::to_string(host) + "-p" + std::to_string(k);
    std::string h = head;
    std::size_t t = h.find("</title>");
    if (t != std::string::npos) h.insert(t, " [" + id + "]");
    out += h;
    unsigned x = static_cast<unsigned>(host * 1000003 + k * 7919 + 17);
    for (int para = 0; para < 3; ++para) {
      x = x * 1103515245u + 12345u;
      out += "<p>Update " + id + "." + std::to_string(para) + ": the group said revenue rose " +
             std::to_string(x % 90 + 5) + "% to Rmb" + std::to_string(x % 900 + 100) +
             "bn in the quarter. Spending on data centres and AI chips is set to continue into "
             "next year, according to people familiar with the plans.</p>\n";
    }
    out += "<ul class=\"related\">";
    const int per = PerHost();
    for (int c = 10 * k + 1; c <= 10 * k + 10 && c < per; ++c) {
      out += "<li><a href=\"/p/" + std::to_string(c) + ".html\">Story " + std::to_string(c) +
             "</a></li>";
    }
    out += "</ul>";
    const std::size_t target = static_cast<std::size_t>(page_kb) * 1024;
    std::string weight = "<nav class=\"mega-menu\"><ul>";
    for (int i = 0; i < 120; ++i) {
      weight += "<li class=\"menu__item\"><span data-href=\"/section/" + std::to_string(i) +
                "\">Section " + std::to_string(i) + "</span></li>";
    }
    weight += "</ul></nav><script>window.__STATE__={\"page\":\"" + id + "\",\"items\":[";
    while (out.size() + weight.size() + tail.size() + 64 < target) {
      x = x * 1103515245u + 12345u;
      weight += "{\"id\":" + std::to_string(x % 100000) + ",\"slot\":\"ad-" +
                std::to_string(x % 97) + "\",\"w\":300,\"h\":250},";
    }
    weight += "{}]};</script>";
    std::string rest = tail;
    std::size_t body_end = rest.rfind("</body>");
    if (body_end == std::string::npos) body_end = rest.size();
    rest.insert(body_end, weight);
    out += rest;
    return out;
  }
};

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) {
    s.replace(p, from.size(), to);
  }
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  Site site;
  std::string label = "command";
  std::vector<std::string> command;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--") {
      for (++i; i < argc; ++i) command.push_back(argv[i]);
      break;
    }
    if (i + 1 >= argc) {
      std::cerr << "crawl_bench: " << a << " needs a value\n";
      return 2;
    }
    if (a == "--pages") site.pages = std::stoi(argv[++i]);
    else if (a == "--hosts") site.hosts = std::stoi(argv[++i]);
    else if (a == "--page-kb") site.page_kb = std::stoi(argv[++i]);
    else if (a == "--label") label = argv[++i];
    else {
      std::cerr << "crawl_bench: unknown flag " << a << "\n";
      return 2;
    }
  }
  if (site.hosts < 1 || site.hosts > 250 || site.pages < site.hosts) {
    std::cerr << "crawl_bench: need 1..250 hosts and at least one page per host\n";
    return 2;
  }
  const std::string tmpl = ReadFile(std::filesystem::path(NEWSFACTS_SOURCE_DIR) / "corpus" /
                                    "sites" / "harbour-ledger.test" / "2024" / "08" /
                                    "china-ai-capex.html");
  std::size_t cut = tmpl.find("</article>");
  if (cut == std::string::npos) cut = tmpl.size() / 2;
  // Every page is its own story: no canonical URL, og:url or JSON-LD @id
  // pointing at the template's article, and no links other than the site's own.
  std::string page = tmpl;
  for (const char* from : {"https://harbour-ledger.test", "href=", "og:url", "\"@id\""}) {
    const std::string to = std::string(from) == "href=" ? "data-href=" : "x";
    page = Replace(page, from, to);
  }
  cut = page.find("</article>");
  if (cut == std::string::npos) cut = page.size() / 2;
  site.head = page.substr(0, cut);
  site.tail = page.substr(cut);

  // One server per host address.
  std::vector<std::unique_ptr<httplib::Server>> servers;
  std::vector<std::thread> threads;
  std::vector<std::string> seeds;
  for (int h = 0; h < site.hosts; ++h) {
    auto srv = std::make_unique<httplib::Server>();
    srv->new_task_queue = [] { return new httplib::ThreadPool(4); };
    srv->set_keep_alive_max_count(1000000);
    // Serve identity bodies: cpp-httplib's on-the-fly brotli costs ~200 ms a
    // page and would make the server the bottleneck.
    srv->set_pre_routing_handler([](const httplib::Request& req, httplib::Response&) {
      const_cast<httplib::Request&>(req).headers.erase("Accept-Encoding");
      return httplib::Server::HandlerResponse::Unhandled;
    });
    srv->Get("/robots.txt", [&site](const httplib::Request&, httplib::Response& res) {
      ++site.robots;
      res.set_content("User-agent: *\nAllow: /\n", "text/plain");
    });
    srv->Get(R"(/(p/(\d+)\.html)?)", [&site, h](const httplib::Request& req, httplib::Response& res) {
      int k = req.matches.size() > 2 && req.matches[2].length() > 0 ? std::stoi(req.matches[2]) : 0;
      if (k >= site.PerHost()) {
        res.status = 404;
        return;
      }
      ++site.served;
      res.set_content(site.Page(h, k), "text/html; charset=utf-8");
    });
    const std::string addr = "127.0.1." + std::to_string(h + 1);
    int port = srv->bind_to_any_port(addr);
    if (port < 0) {
      std::cerr << "crawl_bench: cannot bind " << addr << "\n";
      return 1;
    }
    seeds.push_back("http://" + addr + ":" + std::to_string(port) + "/");
    httplib::Server* raw = srv.get();
    threads.emplace_back([raw] { raw->listen_after_bind(); });
    servers.push_back(std::move(srv));
  }
  for (auto& s : servers) {
    while (!s->is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }

  const auto tmp = std::filesystem::temp_directory_path() /
                   ("crawl_bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(tmp);
  const auto seeds_file = tmp / "seeds.txt";
  const auto config_file = tmp / "sources.toml";
  {
    std::ofstream s(seeds_file);
    for (const auto& u : seeds) s << u << "\n";
    std::ofstream c(config_file);
    c << "[crawler]\ndelay = 0\nmax_pages_per_host = 1000000\n";
    for (std::size_t i = 0; i < seeds.size(); ++i) {
      c << "[[source]]\nname = \"h" << i << "\"\nstart = [\"" << seeds[i] << "\"]\n";
    }
  }

  int rc = 0;
  if (command.empty()) {
    std::cout << seeds_file.string() << std::endl;
    std::string line;
    while (std::getline(std::cin, line)) {
    }
  } else {
    std::vector<std::string> args;
    for (const std::string& c : command) {
      args.push_back(Replace(Replace(Replace(c, "{seeds}", seeds_file.string()), "{config}",
                                     config_file.string()),
                             "{tmp}", tmp.string()));
    }
    const auto t0 = std::chrono::steady_clock::now();
    pid_t pid = fork();
    if (pid == 0) {
      std::vector<char*> argv_c;
      for (auto& a : args) argv_c.push_back(a.data());
      argv_c.push_back(nullptr);
      int devnull = ::open("/dev/null", O_WRONLY);
      dup2(devnull, 1);
      execvp(argv_c[0], argv_c.data());
      std::perror("exec");
      _exit(127);
    }
    int status = 0;
    struct rusage ru {};
    wait4(pid, &status, 0, &ru);
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const double cpu = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec +
                       ru.ru_stime.tv_usec / 1e6;
    rc = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    char buf[512];
    std::snprintf(buf, sizeof buf,
                  "{\"label\":\"%s\",\"pages\":%ld,\"robots\":%ld,\"seconds\":%.2f,"
                  "\"pages_per_s\":%.1f,\"cpu_s\":%.2f,\"cpu_pct\":%.0f,\"max_rss_mb\":%.1f,"
                  "\"exit\":%d}",
                  label.c_str(), site.served.load(), site.robots.load(), secs,
                  site.served.load() / secs, cpu, 100 * cpu / secs, ru.ru_maxrss / 1024.0, rc);
    std::cout << buf << std::endl;
  }
  for (auto& s : servers) s->stop();
  for (auto& t : threads) t.join();
  std::error_code ec;
  std::filesystem::remove_all(tmp, ec);
  return rc == 0 ? 0 : 1;
}
