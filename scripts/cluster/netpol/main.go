// Command labs-netpol enforces Kubernetes NetworkPolicy on the offline
// single-node cluster of scripts/cluster (bridge CNI, no policy support of
// its own).
//
// It watches Pods, Namespaces and NetworkPolicies and keeps one nftables
// table (family ip, default name labs_netpol) in step with them. The table
// is rewritten whole, in one nft transaction, whenever something relevant
// changes. Its base chains hook forward (pod to pod, bridged traffic passes
// there with bridge-nf-call-iptables=1) and input (pod to a process on the
// node, such as CoreDNS behind the kube-dns Service), both after DNAT, so
// Service traffic is judged by its real destination. Replies of allowed
// connections pass by conntrack state. Traffic from the node itself (kubelet
// probes, kubectl exec/port-forward) never crosses these hooks and is
// always allowed, as NetworkPolicy requires.
//
// Usage: labs-netpol --kubeconfig FILE [--node-name NODE] [--health-addr ADDR]
//
//	labs-netpol --cleanup    delete the table and exit
//	labs-netpol --print ...  print the ruleset it would apply and exit
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"log"
	"net/http"
	"os/exec"
	"os/signal"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/tools/clientcmd"
)

type options struct {
	kubeconfig string
	node       string
	table      string
	healthAddr string
	reject     bool
	resync     time.Duration
	cleanup    bool
	print      bool
}

func main() {
	var o options
	flag.StringVar(&o.kubeconfig, "kubeconfig", "", "kubeconfig file (empty: in-cluster config)")
	flag.StringVar(&o.node, "node-name", "", "enforce policy for the pods of this node (empty: every pod)")
	flag.StringVar(&o.table, "table", "labs_netpol", "the nftables table (family ip) this controller owns")
	flag.StringVar(&o.healthAddr, "health-addr", "127.0.0.1:10264", "serve /healthz here (empty: no server)")
	flag.BoolVar(&o.reject, "reject", true, "reject denied packets (TCP reset, ICMP admin-prohibited) instead of dropping them")
	flag.DurationVar(&o.resync, "resync", 10*time.Second, "check this often that the table is still in place")
	flag.BoolVar(&o.cleanup, "cleanup", false, "delete the table and exit")
	flag.BoolVar(&o.print, "print", false, "print the ruleset for the current cluster state and exit")
	flag.Parse()
	log.SetFlags(log.LstdFlags | log.Lmicroseconds)
	log.SetPrefix("labs-netpol: ")

	if o.cleanup {
		if err := deleteTable(o.table); err != nil {
			log.Fatal(err)
		}
		return
	}
	if err := run(o); err != nil {
		log.Fatal(err)
	}
}

func run(o options) error {
	var cfg *rest.Config
	var err error
	if o.kubeconfig != "" {
		cfg, err = clientcmd.BuildConfigFromFlags("", o.kubeconfig)
	} else {
		cfg, err = rest.InClusterConfig()
	}
	if err != nil {
		return fmt.Errorf("client config: %w", err)
	}
	cfg.UserAgent = "labs-netpol"
	client, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		return err
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	factory := informers.NewSharedInformerFactory(client, 0)
	podInf := factory.Core().V1().Pods()
	nsInf := factory.Core().V1().Namespaces()
	polInf := factory.Networking().V1().NetworkPolicies()

	// Any change triggers one full resync; changes that arrive while a sync
	// runs are folded into the next one.
	kick := make(chan struct{}, 1)
	trigger := func() {
		select {
		case kick <- struct{}{}:
		default:
		}
	}
	handler := cache.ResourceEventHandlerFuncs{
		AddFunc:    func(any) { trigger() },
		UpdateFunc: func(old, cur any) { trigger() },
		DeleteFunc: func(any) { trigger() },
	}
	for _, inf := range []cache.SharedIndexInformer{podInf.Informer(), nsInf.Informer(), polInf.Informer()} {
		if _, err := inf.AddEventHandler(handler); err != nil {
			return err
		}
	}
	factory.Start(ctx.Done())
	for typ, ok := range factory.WaitForCacheSync(ctx.Done()) {
		if !ok {
			return fmt.Errorf("cache for %v did not sync", typ)
		}
	}

	state := func() (string, stats) {
		pods, _ := podInf.Lister().List(labels.Everything())
		nss, _ := nsInf.Lister().List(labels.Everything())
		pols, _ := polInf.Lister().List(labels.Everything())
		return render(o.table, o.node, o.reject, pods, nss, pols)
	}
	if o.print {
		text, _ := state()
		fmt.Print(text)
		return nil
	}

	var ready atomic.Bool
	if o.healthAddr != "" {
		mux := http.NewServeMux()
		mux.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) {
			if !ready.Load() {
				http.Error(w, "not synced yet", http.StatusServiceUnavailable)
				return
			}
			fmt.Fprintln(w, "ok")
		})
		srv := &http.Server{Addr: o.healthAddr, Handler: mux, ReadHeaderTimeout: 5 * time.Second}
		go func() {
			if err := srv.ListenAndServe(); err != nil && err != http.ErrServerClosed {
				log.Fatalf("health server: %v", err)
			}
		}()
		defer srv.Close()
	}

	log.Printf("started: table ip %s, node %q, reject %v", o.table, o.node, o.reject)
	last := ""
	ticker := time.NewTicker(o.resync)
	defer ticker.Stop()
	trigger()
	for {
		force := false
		select {
		case <-ctx.Done():
			// The rules stay in place (pods keep their isolation while the
			// controller is away); `--cleanup` removes them.
			log.Printf("stopping; table ip %s left in place", o.table)
			return nil
		case <-kick:
		case <-ticker.C:
			// Retry after a failed apply; put the table back if someone
			// flushed the ruleset.
			switch {
			case last == "":
				force = true
			case !tableExists(o.table):
				force = true
				log.Printf("table ip %s is gone, restoring it", o.table)
			default:
				continue
			}
		}
		start := time.Now()
		text, st := state()
		if text == last && !force {
			continue
		}
		if err := apply(text); err != nil {
			log.Printf("apply failed (retrying in %v): %v", o.resync, err)
			last = ""
			continue
		}
		last = text
		for _, w := range st.warnings {
			log.Printf("warning: %s", w)
		}
		if !ready.Load() {
			ready.Store(true)
		}
		log.Printf("applied in %v: %d pods, %d policies, %d pods isolated for ingress, %d for egress",
			time.Since(start).Round(time.Millisecond), st.pods, st.policies, st.ingress, st.egress)
	}
}

// nft is Debian's nft (package nftables), in /usr/sbin even when PATH
// lacks it.
func nft(args ...string) *exec.Cmd {
	path, err := exec.LookPath("nft")
	if err != nil {
		path = "/usr/sbin/nft"
	}
	return exec.Command(path, args...)
}

// apply loads a ruleset in one nft transaction.
func apply(text string) error {
	cmd := nft("-f", "-")
	cmd.Stdin = strings.NewReader(text)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("nft -f: %v: %s", err, strings.TrimSpace(out.String()))
	}
	return nil
}

func tableExists(table string) bool {
	return nft("list", "table", "ip", table).Run() == nil
}

func deleteTable(table string) error {
	if !tableExists(table) {
		return nil
	}
	out, err := nft("delete", "table", "ip", table).CombinedOutput()
	if err != nil {
		return fmt.Errorf("nft delete table ip %s: %v: %s", table, err, strings.TrimSpace(string(out)))
	}
	return nil
}
